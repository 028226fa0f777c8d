package ims

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
)

// FuzzDecodeClaims decodes arbitrary tokens: never a panic, every error an
// *adobe.ArgError that does not quote the token.
func FuzzDecodeClaims(f *testing.F) {
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, seed := range []string{
		"h." + enc(`{"id":"at-1","type":"access_token","client_id":"cid","user_id":"u@techacct.adobe.com","as":"ims-na1","scope":"openid,AdobeID","created_at":"1764000000000","expires_in":"86400000"}`) + ".s",
		"h." + enc(`{"created_at":1764000000000,"expires_in":86400000}`) + ".s",
		"h." + enc(`{"created_at":"soon"}`) + ".s",
		"h." + enc(`[]`) + ".s", "h.!!!.s", "a.b", "", "...", "h." + enc(`{"scope":""}`) + "==.s",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		c, err := DecodeClaims(token)
		if err != nil {
			var ae *adobe.ArgError
			if !errors.As(err, &ae) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			if len(token) >= 24 && strings.Contains(err.Error(), token) {
				t.Fatalf("error quotes the token: %v", err)
			}
			return
		}
		_ = c.Scopes()
		_ = c.Expiry()
	})
}
