package auth

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/authhook"
)

// TokenError is IMS's refusal to issue a token (a 4xx answer of the token
// endpoint: invalid_client, invalid_scope, ...). It unwraps to the
// *adobe.Error of that answer (status, code, message, x-debug-id as
// RequestID, method, host and path), so errors.As(err, &apiErr) works as for
// any Adobe answer, and adds Hint. Its text never carries the request or
// response body.
//
// Other failures of a token request are not TokenErrors: a 429 that is not
// retried is an *adobe.RateLimitError, a 5xx an *adobe.Error, an unusable
// answer an *adobe.ResponseError and no answer an *adobe.RequestError.
type TokenError struct {
	// StatusCode is the HTTP status of the token endpoint's answer.
	StatusCode int
	// Code is IMS's "error" (invalid_client, invalid_scope, ...).
	Code string
	// Description is IMS's "error_description".
	Description string
	// DebugID is the x-debug-id response header.
	DebugID string
	// Err is the answer as the SDK's error type.
	Err *adobe.Error
}

// Error implements error.
func (e *TokenError) Error() string {
	var b strings.Builder
	b.WriteString("auth: IMS refused the token request: ")
	if e.Err != nil {
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "adobe: "))
	} else {
		fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
		if e.Code != "" {
			fmt.Fprintf(&b, " (%s)", e.Code)
		}
		if e.Description != "" {
			fmt.Fprintf(&b, ": %s", e.Description)
		}
		if e.DebugID != "" {
			fmt.Fprintf(&b, " [x-debug-id %s]", e.DebugID)
		}
	}
	if h := e.Hint(); h != "" {
		b.WriteString("; ")
		b.WriteString(h)
	}
	return b.String()
}

// Unwrap returns the *adobe.Error of IMS's answer.
func (e *TokenError) Unwrap() error {
	if e.Err == nil {
		return nil
	}
	return e.Err
}

// Hint says what the person should do about the most common refusals.
func (e *TokenError) Hint() string {
	d := strings.ToLower(e.Description)
	switch {
	case strings.Contains(d, "jwt") || strings.Contains(d, "metascope"):
		return "Service Account (JWT) credentials have reached end of life: migrate the credential to OAuth Server-to-Server in the Developer Console"
	case e.Code == "invalid_scope":
		return "request exactly the scopes listed on the credential in the Developer Console"
	case e.Code == "invalid_client" && strings.Contains(d, "secret"):
		return "the client secret is wrong or was rotated; retrieve the current one from the Developer Console"
	case e.Code == "invalid_client":
		return "the client ID is unknown to IMS; check it and the IMS environment (prod or stage)"
	}
	return ""
}

// Is maps the refusal onto the SDK's sentinels: invalid_client and 401 are
// ErrUnauthorized, invalid_scope and 403 ErrForbidden, 429 ErrRateLimited.
func (e *TokenError) Is(target error) bool {
	switch target {
	case adobe.ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || e.Code == "invalid_client" || e.Code == "unauthorized_client"
	case adobe.ErrForbidden:
		return e.StatusCode == http.StatusForbidden || e.Code == "invalid_scope"
	case adobe.ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	}
	return false
}

// tokenError turns a refusal (a 4xx *adobe.Error but 429) of a token request
// into a *TokenError; every other error is returned as it is.
func tokenError(err error) error {
	var ae *adobe.Error
	if !errors.As(err, &ae) || ae.StatusCode < 400 || ae.StatusCode > 499 || ae.StatusCode == http.StatusTooManyRequests {
		return err
	}
	return &TokenError{StatusCode: ae.StatusCode, Code: ae.Code, Description: ae.Message, DebugID: ae.RequestID, Err: ae}
}

func init() {
	authhook.TokenError = tokenError
	authhook.PlainClient = func(opts any) (*http.Client, error) {
		o, _ := opts.([]Option)
		return newHTTPClient(o...)
	}
	authhook.PlainClientFor = func(cfg any) *http.Client { return cfg.(*Config).o.plainClient() }
}

func asArg(err error, target **adobe.ArgError) bool { return errors.As(err, target) }
