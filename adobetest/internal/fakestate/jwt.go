package fakestate

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"sync"
)

// KeyID is the key id IMS puts in its access tokens' headers and JWKS.
const KeyID = "ims_na1-key-1"

// signingKey is one RSA key per process: generating a key per Fake would make
// every test pay for it.
var signingKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("fakestate: generating the signing key: " + err.Error())
	}
	return k
})

// SignJWT returns a compact RS256 JWT of header and claims (each marshalled
// with encoding/json), signed with the process's signing key.
func SignJWT(header, claims any) string {
	h, err := json.Marshal(header)
	if err != nil {
		panic(err)
	}
	c, err := json.Marshal(claims)
	if err != nil {
		panic(err)
	}
	enc := base64.RawURLEncoding
	signing := enc.EncodeToString(h) + "." + enc.EncodeToString(c)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(nil, signingKey(), crypto.SHA256, sum[:])
	if err != nil {
		panic(err)
	}
	return signing + "." + enc.EncodeToString(sig)
}

// JWKS returns the JSON Web Key Set of the signing key, as served by
// GET /ims/keys.
func JWKS() map[string]any {
	pub := signingKey().PublicKey
	enc := base64.RawURLEncoding
	return map[string]any{"keys": []any{map[string]any{
		"kty": "RSA",
		"kid": KeyID,
		"use": "sig",
		"alg": "RS256",
		"n":   enc.EncodeToString(pub.N.Bytes()),
		"e":   enc.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
	}}}
}

// PublicKey returns the public half of the signing key.
func PublicKey() *rsa.PublicKey { return &signingKey().PublicKey }
