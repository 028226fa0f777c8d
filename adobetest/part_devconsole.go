package adobetest

import (
	"fmt"

	"github.com/go-adobe/adobe/adobetest/internal/fakeconsole"
)

// console returns the fake's Developer Console part.
func (f *Fake) console() (*fakeconsole.Part, error) {
	for _, p := range f.parts {
		if c, ok := p.(*fakeconsole.Part); ok {
			return c, nil
		}
	}
	return nil, fmt.Errorf("adobetest: the Developer Console part is not registered")
}

// AddJWTCredential seeds a legacy Service Account (JWT) credential named
// name in the demo org, in a default project of its own, so that code which
// detects JWT credentials or drives the JWT → OAuth Server-to-Server
// migration can be tested. Adobe stopped creating JWT credentials on
// 2024-06-03, so no Developer Console call of the fake makes one. It returns
// the Console credential (integration) id and the project and workspace ids.
func (f *Fake) AddJWTCredential(name string) (credentialID, projectID, workspaceID string, err error) {
	if name == "" {
		return "", "", "", fmt.Errorf("adobetest: AddJWTCredential: the name is empty")
	}
	c, err := f.console()
	if err != nil {
		return "", "", "", err
	}
	return c.AddJWTCredential(f.orgID, name)
}
