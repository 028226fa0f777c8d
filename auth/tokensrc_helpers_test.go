package auth

import "golang.org/x/oauth2"

type oauth2Token = oauth2.Token

func staticTS(tok string) oauth2.TokenSource {
	return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok})
}
