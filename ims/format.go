package ims

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"time"
)

// The types below hold secrets (auth.Secret fields, or values that hold
// them). fmt does not call a field's Format method when the verb does not
// fit (%s or %q of a struct, %p of a value: it prints the raw fields in its
// error text), so each type formats itself: every verb prints String.

// formatSafe writes desc for any verb: quoted for %q, as is otherwise.
func formatSafe(f fmt.State, verb rune, desc string) {
	if verb == 'q' {
		desc = strconv.Quote(desc)
	}
	_, _ = io.WriteString(f, desc)
}

// String describes the token with its secrets redacted.
func (t Token) String() string {
	return fmt.Sprintf("ims.Token{AccessToken:%s RefreshToken:%s IDToken:%s TokenType:%s Expiry:%s}",
		t.AccessToken, t.RefreshToken, t.IDToken, t.TokenType, t.Expiry.Format(time.RFC3339))
}

// Format implements fmt.Formatter: every verb prints String.
func (t Token) Format(f fmt.State, verb rune) { formatSafe(f, verb, t.String()) }

// LogValue implements slog.LogValuer without the tokens.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(slog.String("token_type", t.TokenType), slog.Time("expiry", t.Expiry),
		slog.Bool("refresh_token", t.RefreshToken != ""), slog.Bool("id_token", t.IDToken != ""))
}

// String describes the login result with its tokens redacted.
func (r LoginResult) String() string {
	if r.Token == nil {
		return "ims.LoginResult{}"
	}
	return "ims.LoginResult{Token:" + r.Token.String() + "}"
}

// Format implements fmt.Formatter: every verb prints String.
func (r LoginResult) Format(f fmt.State, verb rune) { formatSafe(f, verb, r.String()) }

// LogValue implements slog.LogValuer without the tokens.
func (r LoginResult) LogValue() slog.Value {
	if r.Token == nil {
		return slog.GroupValue()
	}
	return slog.GroupValue(slog.Any("token", r.Token.LogValue()))
}

// MarshalJSON writes the redacted token only (the token source is not data).
func (r LoginResult) MarshalJSON() ([]byte, error) {
	type out struct {
		Token *Token `json:"token,omitempty"`
	}
	return json.Marshal(out{r.Token})
}

// String describes the client with its secret redacted.
func (u UserClient) String() string {
	return fmt.Sprintf("ims.UserClient{ClientID:%q ClientSecret:%s RedirectURI:%q Scopes:%q}", u.ClientID, u.ClientSecret, u.RedirectURI, u.Scopes)
}

// Format implements fmt.Formatter: every verb prints String.
func (u UserClient) Format(f fmt.State, verb rune) { formatSafe(f, verb, u.String()) }

// String describes the login configuration with its secret redacted.
func (lc LoginConfig) String() string {
	return fmt.Sprintf("ims.LoginConfig{ClientID:%q ClientSecret:%s Scopes:%q Addr:%q Path:%q}", lc.ClientID, lc.ClientSecret, lc.Scopes, lc.Addr, lc.Path)
}

// Format implements fmt.Formatter: every verb prints String.
func (lc LoginConfig) Format(f fmt.State, verb rune) { formatSafe(f, verb, lc.String()) }
