package core

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
)

// FuzzNewError decodes arbitrary error bodies of every Adobe shape: never a
// panic, the body capped, the query string never in the text, the status
// class always matched.
func FuzzNewError(f *testing.F) {
	for _, seed := range []string{
		`{"error_code":"401013","message":"Oauth token is not valid"}`,
		`{"error_code":429050,"message":"Too many requests"}`,
		`{"errorCode":"403025","errorDescription":"Profile is not valid","errorId":"e-1"}`,
		`{"error":"invalid_client","error_description":"invalid client_secret parameter"}`,
		`{"result":"error","errors":[{"errorCode":"error.user.nonexistent","message":"no such user"}]}`,
		`{"code":409,"message":"ERR_MSG_DUPLICATE_NAME"}`,
		`{"error":{"nested":true},"errors":"x","code":[1]}`,
		`<html>nope</html>`, ``, `null`, `[]`, `{"error_code":1e400}`,
	} {
		for _, status := range []int{400, 401, 403, 404, 409, 429, 500, 503} {
			f.Add(status, []byte(seed))
		}
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 999 {
			return
		}
		u, _ := url.Parse("https://analytics.adobe.io/api/acme/segments?secret=shh")
		resp := &http.Response{StatusCode: status, Header: http.Header{}, Request: &http.Request{Method: "GET", URL: u}}
		e := NewError(resp, body, 1)
		if e.StatusCode != status || len(e.Body) > MaxErrorBody || !bytes.Equal(e.Body, body[:min(len(body), MaxErrorBody)]) {
			t.Fatalf("%+v", e)
		}
		if strings.Contains(e.Error(), "shh") {
			t.Fatalf("query string in %q", e.Error())
		}
		if status == 404 && !errors.Is(e, adobe.ErrNotFound) || status == 429 && !errors.Is(e, adobe.ErrRateLimited) {
			t.Fatalf("status %d not matched", status)
		}
	})
}

// FuzzDecodePage decodes arbitrary page bodies: never a panic, every error
// an *adobe.ResponseError, a plain array always the last page, the same
// bytes always the same fingerprint.
func FuzzDecodePage(f *testing.F) {
	for _, seed := range []string{
		`[1,2]`, `[]`, `{"content":[3],"lastPage":true,"number":2,"totalPages":3}`,
		`{"content":[1],"lastPage":false,"number":0,"totalPages":3,"totalElements":25}`,
		`{"content":[1],"number":0,"totalPages":1}`, `{"groups":[5],"lastPage":false}`, `{"content":[]}`,
		`{"content":null}`, `{"content":"x"}`, `{`, `"s"`, `null`, ``, `{"number":-1,"totalPages":-5}`,
	} {
		f.Add([]byte(seed), "")
		f.Add([]byte(seed), "groups")
	}
	f.Fuzz(func(t *testing.T, body []byte, key string) {
		p, err := DecodePage[int](body, key)
		if err != nil {
			var re *adobe.ResponseError
			if !errors.As(err, &re) || !errors.Is(err, adobe.ErrInvalidResponse) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if t2 := bytes.TrimSpace(body); len(t2) > 0 && t2[0] == '[' && (!p.Last || p.TotalItems != len(p.Items)) {
			t.Fatalf("plain array not a last page: %+v", p)
		}
		again, _ := DecodePage[int](body, key)
		if again.Fingerprint != p.Fingerprint {
			t.Fatal("fingerprint not deterministic")
		}
	})
}
