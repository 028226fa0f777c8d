package campaign

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
)

var goodTA = TechnicalAccount{OrgID: "0123456789ABCDEF01234567@AdobeOrg", ClientID: "0123456789abcdef0123456789abcdef",
	TechnicalAccountID: "0123456789ABCDEF01234567@techacct.adobe.com", ClientSecret: auth.Secret("p8e-AbC_12-xyz789QRS")}

func TestSetIMSOAuthCommand(t *testing.T) {
	masked, err := SetIMSOAuthCommand("acme_mkt", goodTA, false)
	if err != nil {
		t.Fatal(err)
	}
	want := "nlserver config -instance:acme_mkt '-setimsoauth:0123456789ABCDEF01234567@AdobeOrg/0123456789abcdef0123456789abcdef/0123456789ABCDEF01234567@techacct.adobe.com/<CLIENT_SECRET>'"
	if masked != want {
		t.Errorf("masked\n got %s\nwant %s", masked, want)
	}
	full, err := SetIMSOAuthCommand("acme_mkt", goodTA, true)
	if err != nil || !strings.HasSuffix(full, "/p8e-AbC_12-xyz789QRS") {
		t.Errorf("revealed: %q %v", full, err)
	}
	for _, bad := range []TechnicalAccount{
		func() TechnicalAccount { t := goodTA; t.ClientSecret = "p8e-abc/def123"; return t }(),
		func() TechnicalAccount { t := goodTA; t.ClientSecret = "p8e abc def123"; return t }(),
		func() TechnicalAccount { t := goodTA; t.ClientSecret = "p8e-'$(rm -rf)'"; return t }(),
		func() TechnicalAccount { t := goodTA; t.OrgID = "x/y@AdobeOrg"; return t }(),
		func() TechnicalAccount { t := goodTA; t.TechnicalAccountID = "a b@techacct.adobe.com"; return t }(),
		func() TechnicalAccount { t := goodTA; t.ClientID = ""; return t }(),
	} {
		_, err := SetIMSOAuthCommand("acme_mkt", bad, true)
		var ae *adobe.ArgError
		if !errors.Is(err, ErrUnsafeValue) || !errors.As(err, &ae) {
			t.Errorf("%+v: err = %v", bad, err)
		}
		if err != nil && strings.Contains(err.Error(), string(bad.ClientSecret)) {
			t.Errorf("the error shows the secret: %v", err)
		}
	}
	if _, err := SetIMSOAuthCommand("acme mkt", goodTA, false); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("instance with a blank: %v", err)
	}
}

// shellSplit splits s as a POSIX shell splits a simple command's words
// (quotes, backslashes; no expansions: the renderer never leaves one
// unquoted). ok is false for input the shell would treat otherwise.
func shellSplit(s string) (words []string, ok bool) {
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, false
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '\\':
			if i+1 >= len(s) {
				return nil, false
			}
			cur.WriteByte(s[i+1])
			i++
			inWord = true
		case strings.IndexByte("\"$`;&|<>()*?[]{}~#!\n", c) >= 0:
			return nil, false // would be special to the shell
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, true
}

// FuzzSetIMSOAuthCommand: whatever the values, the renderer either refuses
// them or renders a command the shell splits into exactly the four words
// meant, whose last argument splits on '/' into exactly the four values.
func FuzzSetIMSOAuthCommand(f *testing.F) {
	f.Add("acme_mkt", goodTA.OrgID, goodTA.ClientID, goodTA.TechnicalAccountID, goodTA.ClientSecret.Reveal())
	f.Add("a", "x/y", "a b", "'", "$(id)")
	f.Add("inst", goodTA.OrgID, goodTA.ClientID, goodTA.TechnicalAccountID, "p8e-'quote'")
	f.Add("inst'x", goodTA.OrgID, goodTA.ClientID, goodTA.TechnicalAccountID, "p8e-a\nb")
	f.Fuzz(func(t *testing.T, instance, org, client, ta, secret string) {
		acct := TechnicalAccount{OrgID: org, ClientID: client, TechnicalAccountID: ta, ClientSecret: auth.Secret(secret)}
		cmd, err := SetIMSOAuthCommand(instance, acct, true)
		if err != nil {
			if len(secret) >= 8 && strings.Contains(err.Error(), secret) && !strings.Contains(instance+org+client+ta, secret) {
				t.Fatalf("the error shows the secret: %v", err)
			}
			return
		}
		words, ok := shellSplit(cmd)
		if !ok || len(words) != 4 || words[0] != "nlserver" || words[1] != "config" || words[2] != "-instance:"+instance {
			t.Fatalf("%q splits into %q", cmd, words)
		}
		arg, found := strings.CutPrefix(words[3], "-setimsoauth:")
		if !found {
			t.Fatalf("%q: no -setimsoauth", words[3])
		}
		if got := strings.Split(arg, "/"); len(got) != 4 || got[0] != org || got[1] != client || got[2] != ta || got[3] != secret {
			t.Fatalf("%q splits into %q", arg, got)
		}
	})
}
