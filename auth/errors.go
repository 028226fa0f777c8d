package auth

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-adobe/adobe"
	"golang.org/x/oauth2"
)

// TokenError is IMS's refusal to issue a token. Its text carries IMS's error
// code and description and the x-debug-id Adobe support asks for; never the
// request or response body.
type TokenError struct {
	// StatusCode is the HTTP status of the token endpoint's answer.
	StatusCode int
	// Code is IMS's "error" (invalid_client, invalid_scope, ...).
	Code string
	// Description is IMS's "error_description".
	Description string
	// DebugID is the x-debug-id response header.
	DebugID string
}

// Error implements error.
func (e *TokenError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "auth: IMS refused the token request: %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Description != "" {
		fmt.Fprintf(&b, ": %s", e.Description)
	}
	if e.DebugID != "" {
		fmt.Fprintf(&b, " [x-debug-id %s]", e.DebugID)
	}
	if h := e.Hint(); h != "" {
		b.WriteString("; ")
		b.WriteString(h)
	}
	return b.String()
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

// TokenErrorFrom converts an error of an x/oauth2 token request into the
// SDK's: a *RetrieveError (whose own Error text includes the raw response
// body) becomes a *TokenError; other errors are wrapped. Package ims uses it
// for the user-login flows.
func TokenErrorFrom(err error) error {
	return tokenErrorFrom(err)
}

func tokenErrorFrom(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		te := &TokenError{Code: re.ErrorCode, Description: re.ErrorDescription}
		if re.Response != nil {
			te.StatusCode = re.Response.StatusCode
			te.DebugID = re.Response.Header.Get("x-debug-id")
		}
		return te
	}
	return fmt.Errorf("auth: requesting a token from IMS: %w", err)
}

func asArg(err error, target **adobe.ArgError) bool { return errors.As(err, target) }
