package testutil

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/jarcoal/httpmock"
)

// IMSTokenURL is Adobe IMS's OAuth server-to-server token endpoint.
const IMSTokenURL = "https://ims-na1.adobelogin.com/ims/token/v3"

// Counter counts the token requests received by [MockIMSToken] and keeps the
// last one's form and headers. It is safe for concurrent use.
type Counter struct {
	calls  atomic.Int64
	issued atomic.Int64

	mu         sync.Mutex
	lastForm   url.Values
	lastHeader http.Header
	lastToken  string
}

// Load returns the number of token requests received so far.
func (c *Counter) Load() int64 { return c.calls.Load() }

// Issued returns the number of successful (2xx) token responses sent.
func (c *Counter) Issued() int64 { return c.issued.Load() }

// LastToken returns the access token of the latest successful response
// ("test-token-N", N counting successful responses from 1), or "".
func (c *Counter) LastToken() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastToken
}

// LastForm returns a copy of the form (grant_type, client_id,
// client_secret, scope...) of the latest token request, or nil.
func (c *Counter) LastForm() url.Values {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lastForm == nil {
		return nil
	}
	out := make(url.Values, len(c.lastForm))
	for k, vs := range c.lastForm {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// LastHeader returns a copy of the headers of the latest token request (to
// check HTTP Basic client authentication, for instance), or nil.
func (c *Counter) LastHeader() http.Header {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastHeader.Clone()
}

// TokenReply is one scripted answer of the mocked token endpoint; see
// [WithTokenReplies].
type TokenReply struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// Body is the response body. Empty with a 2xx status means a fresh
	// token response ({"access_token":"test-token-N",...}).
	Body string
	// Header holds extra response headers, e.g. x-debug-id.
	Header http.Header
}

// TokenError returns a TokenReply carrying an OAuth error body such as IMS
// sends, e.g. TokenError(400, "invalid_client", "invalid client_id
// parameter"), with Content-Type application/json.
func TokenError(status int, code, description string) TokenReply {
	body := fmt.Sprintf(`{"error":%q,"error_description":%q}`, code, description)
	return TokenReply{Status: status, Body: body, Header: http.Header{"Content-Type": {"application/json"}}}
}

// IMSOption configures [MockIMSToken].
type IMSOption func(*imsConfig)

type imsConfig struct {
	expiresIn int
	replies   []TokenReply
}

// WithExpiresIn sets the expires_in (seconds) of issued tokens; the default
// is 86399, as IMS sends.
func WithExpiresIn(seconds int) IMSOption {
	return func(c *imsConfig) { c.expiresIn = seconds }
}

// WithTokenReplies scripts the token endpoint: the n-th request gets the
// n-th reply, and the last reply repeats. For example 503, 503 then a token:
//
//	WithTokenReplies(TokenReply{Status: 503}, TokenReply{Status: 503}, TokenReply{})
func WithTokenReplies(replies ...TokenReply) IMSOption {
	return func(c *imsConfig) { c.replies = append([]TokenReply(nil), replies...) }
}

// MockIMSToken registers a responder for POST [IMSTokenURL] on mt and
// returns the counter of requests it receives. By default every request gets
// a new token: {"access_token":"test-token-N","token_type":"bearer",
// "expires_in":86399}.
func MockIMSToken(mt *httpmock.MockTransport, opts ...IMSOption) *Counter {
	cfg := imsConfig{expiresIn: 86399}
	for _, o := range opts {
		o(&cfg)
	}
	c := &Counter{}
	mt.RegisterResponder(http.MethodPost, IMSTokenURL, func(req *http.Request) (*http.Response, error) {
		n := c.calls.Add(1)
		body, err := readBody(req)
		if err != nil {
			return nil, err
		}
		form, _ := url.ParseQuery(string(body))

		reply := TokenReply{}
		if len(cfg.replies) > 0 {
			reply = cfg.replies[min(int(n), len(cfg.replies))-1]
		}
		status := reply.Status
		if status == 0 {
			status = http.StatusOK
		}
		respBody := reply.Body
		token := ""
		if respBody == "" && status >= 200 && status < 300 {
			token = "test-token-" + strconv.FormatInt(c.issued.Add(1), 10)
			respBody = fmt.Sprintf(`{"access_token":%q,"token_type":"bearer","expires_in":%d}`, token, cfg.expiresIn)
		} else if status >= 200 && status < 300 {
			c.issued.Add(1)
		}

		c.mu.Lock()
		c.lastForm = form
		c.lastHeader = req.Header.Clone()
		if token != "" {
			c.lastToken = token
		}
		c.mu.Unlock()

		return ErrorResponder(status, respBody, reply.Header)(req)
	})
	return c
}
