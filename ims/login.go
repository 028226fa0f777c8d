package ims

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
	"golang.org/x/oauth2"
)

// LoginConfig configures a command-line Adobe ID login.
type LoginConfig struct {
	// ClientID, ClientSecret (Web App credentials only) and Scopes of the
	// OAuth credential; include offline_access to get a refresh token.
	ClientID     string
	ClientSecret auth.Secret
	Scopes       []string
	// Addr is the loopback address to listen on (default "127.0.0.1:0", a
	// free port). The credential's redirect URI pattern must allow
	// http://<Addr><Path>.
	Addr string
	// Path is the callback path (default "/callback").
	Path string
	// Out receives the authorize URL to open (default os.Stderr).
	Out io.Writer
	// Open, if set, is called with the authorize URL (e.g. to start a
	// browser, or in tests to play the browser).
	Open func(authorizeURL string) error
}

// LoginError is an error IMS sent to the redirect URI
// (error=invalid_scope, login_required, consent_required, ...).
type LoginError struct {
	// Code is IMS's error, e.g. invalid_scope.
	Code string
	// Description is IMS's error_description, if any.
	Description string
}

// Error implements error.
func (e *LoginError) Error() string {
	if e.Description != "" {
		return fmt.Sprintf("ims: login failed: %s: %s", e.Code, e.Description)
	}
	return "ims: login failed: " + e.Code
}

// ErrStateMismatch reports a callback whose state is not the one sent: a
// stale browser tab or a forged request.
var ErrStateMismatch = errors.New("ims: login callback state does not match")

// LoginResult is a completed login.
type LoginResult struct {
	// Token is the first token.
	Token *Token
	// TokenSource returns Token until it expires, then refreshes it (when a
	// refresh token was granted).
	TokenSource oauth2.TokenSource
}

// Login runs the authorization-code flow with PKCE for a command-line tool:
// it listens on a loopback address, prints (and optionally opens) the
// authorize URL, waits for IMS's redirect, checks state, exchanges the code
// with the PKCE verifier and returns a refreshing token source. ctx bounds
// the whole wait.
func (c *Client) Login(ctx context.Context, lc LoginConfig) (*LoginResult, error) {
	if lc.ClientID == "" {
		return nil, core.NewArgError("ClientID", "is empty")
	}
	if len(lc.Scopes) == 0 {
		return nil, core.NewArgError("Scopes", "is empty; e.g. openid, AdobeID, read_organizations")
	}
	if lc.Addr == "" {
		lc.Addr = "127.0.0.1:0"
	}
	if lc.Path == "" {
		lc.Path = "/callback"
	}
	if !strings.HasPrefix(lc.Path, "/") {
		return nil, core.NewArgError("Path", "%q must start with /", lc.Path)
	}
	host, _, err := net.SplitHostPort(lc.Addr)
	if err != nil || (host != "localhost" && !isLoopbackIP(host)) {
		return nil, core.NewArgError("Addr", "%q must be a loopback host:port", lc.Addr)
	}
	if lc.Out == nil {
		lc.Out = os.Stderr
	}
	var lcfg net.ListenConfig
	ln, err := lcfg.Listen(ctx, "tcp", lc.Addr)
	if err != nil {
		return nil, fmt.Errorf("ims: listening for the login callback: %w", err)
	}
	redirect := "http://" + ln.Addr().String() + lc.Path
	uc := UserClient{ClientID: lc.ClientID, ClientSecret: lc.ClientSecret, RedirectURI: redirect, Scopes: lc.Scopes}
	pkce := NewPKCE()
	state := NewState()
	authURL, err := c.AuthorizeURL(uc, state, AuthorizeOptions{PKCE: &pkce})
	if err != nil {
		ln.Close()
		return nil, err
	}

	type result struct {
		code string
		err  error
	}
	done := make(chan result, 1)
	mux := http.NewServeMux()
	mux.HandleFunc(lc.Path, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var res result
		switch {
		case q.Get("state") != state:
			res.err = ErrStateMismatch
		case q.Get("error") != "":
			res.err = &LoginError{Code: q.Get("error"), Description: q.Get("error_description")}
		case q.Get("code") == "":
			res.err = errors.New("ims: login callback carries no code")
		default:
			res.code = q.Get("code")
		}
		if res.err != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, "<p>Login failed: %s</p>", html.EscapeString(res.err.Error()))
		} else {
			fmt.Fprint(w, "<p>Logged in. You can close this window.</p>")
		}
		select {
		case done <- res:
		default:
		}
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()

	fmt.Fprintf(lc.Out, "Open this URL to log in with your Adobe ID:\n%s\n", authURL)
	if lc.Open != nil {
		if err := lc.Open(authURL); err != nil {
			return nil, fmt.Errorf("ims: opening the authorize URL: %w", err)
		}
	}
	var res result
	select {
	case <-ctx.Done():
		return nil, &adobe.RequestError{Op: "waiting for the login callback on " + redirect, Err: ctx.Err()}
	case res = <-done:
	}
	if res.err != nil {
		return nil, res.err
	}
	tok, err := c.ExchangeCode(ctx, uc, res.code, pkce.Verifier)
	if err != nil {
		return nil, err
	}
	return &LoginResult{Token: tok, TokenSource: c.TokenSource(uc, tok)}, nil
}

func isLoopbackIP(h string) bool {
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
