package adobetest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

// largeOrgSeed is a seed document with n users in the demo org.
func largeOrgSeed(n int) []byte {
	type user struct {
		Email     string `json:"email"`
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
	}
	users := make([]user, n)
	for i := range users {
		users[i] = user{Email: fmt.Sprintf("user%06d@acme.example", i), FirstName: "User", LastName: fmt.Sprint(i)}
	}
	b, _ := json.Marshal(map[string]any{"users": users})
	return b
}

// BenchmarkSeed100kUsers measures seeding a 100,000-user org (issue 13:
// AddUser scanned every user by email, so 111k users took 756 s). Run with
// go test -run '^$' -bench Seed100kUsers -benchtime 3x ./adobetest/
func BenchmarkSeed100kUsers(b *testing.B) {
	seed := largeOrgSeed(100_000)
	b.ReportAllocs()
	for b.Loop() {
		f, err := adobetest.New(adobetest.WithSeed(bytes.NewReader(seed)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.AddUser(adobetest.User{Email: "USER000000@acme.example"}); err == nil {
			b.Fatal("a duplicate email (other case) was accepted")
		}
	}
}

// BenchmarkAddUser measures one AddUser call in an org that already holds
// 100,000 users: with the email index it costs the same as in an empty org.
func BenchmarkAddUser(b *testing.B) {
	for _, size := range []int{0, 100_000} {
		b.Run(fmt.Sprintf("org=%d", size), func(b *testing.B) {
			f, err := adobetest.New(adobetest.WithSeed(bytes.NewReader(largeOrgSeed(size))))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				if _, err := f.AddUser(adobetest.User{Email: fmt.Sprintf("new%d@acme.example", i)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Emails stay unique case-insensitively with the index.
func TestAddUserEmailUniqueIgnoringCase(t *testing.T) {
	f := newFake(t)
	if _, err := f.AddUser(adobetest.User{Email: "Ann@Acme.example"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddUser(adobetest.User{Email: "ann@ACME.EXAMPLE"}); err == nil {
		t.Fatal("the same email in another case was accepted")
	}
	if err := f.SetLoginUser("ANN@acme.example"); err != nil {
		t.Fatalf("SetLoginUser by email in another case: %v", err)
	}
	if got := f.LoginUser().Email; got != "Ann@Acme.example" {
		t.Fatalf("login user = %q", got)
	}
}
