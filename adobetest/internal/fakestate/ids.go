package fakestate

import "fmt"

const (
	hexLower = "0123456789abcdef"
	hexUpper = "0123456789ABCDEF"
	digits   = "0123456789"
	alnum    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
)

// randString returns n characters drawn from alphabet. Callers hold s.mu.
func (s *Store) randString(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[s.rnd.IntN(len(alphabet))]
	}
	return string(b)
}

// RandString returns n random characters drawn from alphabet.
func (s *Store) RandString(alphabet string, n int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.randString(alphabet, n)
}

// NewDigits returns a random numeric string of n digits without a leading zero.
func (s *Store) NewDigits(n int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newDigits(n)
}

func (s *Store) newDigits(n int) string {
	return s.randString(digits[1:], 1) + s.randString(digits, n-1)
}

// NewUUID returns a random version-4 UUID string.
func (s *Store) NewUUID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newUUID()
}

func (s *Store) newUUID() string {
	h := s.randString(hexLower, 32)
	return fmt.Sprintf("%s-%s-4%s-%c%s-%s", h[0:8], h[8:12], h[13:16], "89ab"[s.rnd.IntN(4)], h[17:20], h[20:32])
}

// NewDebugID returns a value for IMS's x-debug-id or the gateway's
// x-request-id header.
func (s *Store) NewDebugID() string { return s.NewUUID() }

func (s *Store) newOrgID() string        { return s.randString(hexUpper, 24) + "@AdobeOrg" }
func (s *Store) newUserID() string       { return s.randString(hexUpper, 24) + "@AdobeID" }
func (s *Store) newClientID() string     { return s.randString(hexLower, 32) }
func (s *Store) newClientSecret() string { return "p8e-" + s.randString(alnum, 32) }
func (s *Store) newTechAcctID() string   { return s.randString(hexUpper, 24) + "@techacct.adobe.com" }
func (s *Store) newTechAcctEmail() string {
	return s.newUUID() + "@techacct.adobe.com"
}
