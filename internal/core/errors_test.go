package core

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func resp(status int, hdr ...string) *http.Response {
	u, _ := url.Parse("https://analytics.adobe.io/api/acme/segments?secret=shh")
	r := &http.Response{StatusCode: status, Header: http.Header{}, Request: &http.Request{Method: "GET", URL: u}}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	return r
}

func TestNewErrorShapes(t *testing.T) {
	tests := []struct {
		name             string
		status           int
		body             string
		hdr              []string
		code, msg, reqID string
		is               error
	}{
		{"gateway", 401, `{"error_code":"401013","message":"Oauth token is not valid"}`, nil, "401013", "Oauth token is not valid", "", ErrUnauthorized},
		{"gateway numeric code", 429, `{"error_code":429050,"message":"Too many requests"}`, []string{"x-request-id", "r1"}, "429050", "Too many requests", "r1", ErrRateLimited},
		{"analytics", 403, `{"errorCode":"403025","errorDescription":"Profile is not valid","errorId":"e-1"}`, nil, "403025", "Profile is not valid", "e-1", ErrForbidden},
		{"ims", 400, `{"error":"invalid_scope","error_description":"bad scope"}`, []string{"x-debug-id", "d1"}, "invalid_scope", "bad scope", "d1", nil},
		{"umapi", 400, `{"result":"error","errors":[{"errorCode":"error.user.nonexistent","message":"no such user"}]}`, nil, "error.user.nonexistent", "no such user", "", nil},
		{"umapi result only", 400, `{"result":"error"}`, nil, "error", "", "", nil},
		{"console", 409, `{"code":409,"message":"ERR_MSG_DUPLICATE_NAME"}`, nil, "409", "ERR_MSG_DUPLICATE_NAME", "", ErrConflict},
		{"not json", 404, `<html>nope</html>`, nil, "", "", "", ErrNotFound},
		{"empty", 502, ``, nil, "", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewError(resp(tt.status, tt.hdr...), []byte(tt.body), 3)
			if e.Code != tt.code || e.Message != tt.msg || e.RequestID != tt.reqID || e.StatusCode != tt.status || e.Attempts != 3 {
				t.Fatalf("got %+v", e)
			}
			if tt.is != nil && !errors.Is(e, tt.is) {
				t.Errorf("errors.Is(%v) false", tt.is)
			}
			for _, other := range []error{ErrNotFound, ErrUnauthorized, ErrForbidden, ErrRateLimited, ErrConflict} {
				if other != tt.is && errors.Is(e, other) {
					t.Errorf("unexpectedly Is %v", other)
				}
			}
			if strings.Contains(e.Error(), "secret=shh") || !strings.Contains(e.Error(), "analytics.adobe.io/api/acme/segments") {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
}

func TestErrorBodyCapped(t *testing.T) {
	big := strings.Repeat("x", 3*MaxErrorBody)
	e := NewError(resp(500), []byte(big), 1)
	if len(e.Body) != MaxErrorBody {
		t.Fatalf("body len %d", len(e.Body))
	}
}

func TestAsErrorRateLimit(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	err := AsError(resp(429, "Retry-After", now.Add(90*time.Second).Format(http.TimeFormat)), []byte(`{"error_code":"429050"}`), 1, now)
	var rl *RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 90*time.Second {
		t.Fatalf("err = %#v", err)
	}
	var ae *Error
	if !errors.As(err, &ae) || ae.Code != "429050" || !errors.Is(err, ErrRateLimited) {
		t.Fatalf("not an *Error: %v", err)
	}
	if !strings.Contains(err.Error(), "retry after 1m30s") {
		t.Errorf("text %q", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false}, {"3", 3 * time.Second, true}, {"9223372037", 100 * 365 * 24 * time.Hour, true},
		{"99999999999999999999", 0, false}, {"-1", 0, false}, {"soon", 0, false},
		{now.Add(time.Minute).Format(http.TimeFormat), time.Minute, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRetryAfter(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestArgError(t *testing.T) {
	err := error(NewArgError("OrgID", "%q is bad", "x"))
	var ae *ArgError
	if !errors.As(err, &ae) || ae.Arg != "OrgID" || !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("%v", err)
	}
	if err.Error() != `adobe: invalid OrgID: "x" is bad` {
		t.Fatalf("%q", err.Error())
	}
}
