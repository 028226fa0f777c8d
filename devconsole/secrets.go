package devconsole

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
)

// SecretsService covers the client secrets of an OAuth Server-to-Server
// credential. Adobe documents these calls for user tokens and for S2S tokens
// of a credential with the I/O Management API and the scopes
// read_client_secret and manage_client_secrets.
type SecretsService service

// MaxSecrets is how many client secrets a credential may have at once.
const MaxSecrets = 2

// SecretUsage is a recent use of a secret.
type SecretUsage struct {
	LastUsedAt Timestamp `json:"last_used_at"`
	GrantType  string    `json:"grant_type"`
}

// ClientSecret is one client secret. Value is set only by Add and Reveal; it
// never prints.
type ClientSecret struct {
	UUID         string        `json:"uuid"`
	Value        auth.Secret   `json:"client_secret,omitempty"`
	ExpiresAt    Timestamp     `json:"expires_at"`
	ExpiresAtStr string        `json:"expires_at_str,omitempty"`
	CreatedAt    Timestamp     `json:"created_at"`
	CreatedAtStr string        `json:"created_at_str,omitempty"`
	Usages       []SecretUsage `json:"secret_usages,omitempty"`
}

// Secrets are a credential's client id and secrets.
type Secrets struct {
	ClientID      string         `json:"client_id"`
	ClientSecrets []ClientSecret `json:"client_secrets"`
}

func (x Secrets) uuids() []string {
	out := make([]string, 0, len(x.ClientSecrets))
	for _, s := range x.ClientSecrets {
		out = append(out, s.UUID)
	}
	return out
}

// List returns a credential's secrets without their values.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: GET /console/organizations/{orgId}/credentials/{credentialId}/secrets
func (s *SecretsService) List(ctx context.Context, orgID, credentialID string, opts ...adobe.RequestOption) (Secrets, *Response, error) {
	var out Secrets
	if err := required("orgID", orgID, "credentialID", credentialID); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/credentials/%s/secrets", orgID, credentialID), nil, nil, &out, opts)
	return out, resp, err
}

// ListIter iterates over a credential's secrets without their values (one
// request: the list is not paginated).
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: GET /console/organizations/{orgId}/credentials/{credentialId}/secrets
func (s *SecretsService) ListIter(ctx context.Context, orgID, credentialID string, opts ...adobe.RequestOption) iter.Seq2[ClientSecret, error] {
	return onePage(ctx, func(ctx context.Context) ([]ClientSecret, error) {
		x, _, err := s.List(ctx, orgID, credentialID, opts...)
		return x.ClientSecrets, err
	})
}

// Reveal returns a credential's secrets with their values (what Adobe's CLI
// reads to write a .env file).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/integrations/{intId}/secrets, "get integration secrets".
//
// API: GET /console/organizations/{orgId}/integrations/{intId}/secrets
func (s *SecretsService) Reveal(ctx context.Context, orgID, credentialID string, opts ...adobe.RequestOption) (Secrets, *Response, error) {
	var out Secrets
	if err := required("orgID", orgID, "credentialID", credentialID); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/integrations/%s/secrets", orgID, credentialID), nil, nil, &out, opts)
	return out, resp, err
}

// Add generates a new client secret; its value is returned only here. A
// credential has at most MaxSecrets secrets. Adobe's docs answer 201 with the
// secret's uuid; the spec answers 200 without it: both are accepted (see
// Rotate, which finds the uuid when it is missing).
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: POST /console/organizations/{orgId}/credentials/{credentialId}/secrets
func (s *SecretsService) Add(ctx context.Context, orgID, credentialID string, opts ...adobe.RequestOption) (ClientSecret, *Response, error) {
	var out ClientSecret
	if err := required("orgID", orgID, "credentialID", credentialID); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodPost, core.Pathf("console/organizations/%s/credentials/%s/secrets", orgID, credentialID), nil, nil, &out, opts)
	var ae *adobe.Error
	if errors.As(err, &ae) && ae.StatusCode >= 400 && ae.StatusCode < 500 && ae.StatusCode != http.StatusTooManyRequests &&
		ae.StatusCode != http.StatusUnauthorized && ae.StatusCode != http.StatusNotFound {
		// Adobe does not document the body of a refusal at the limit:
		// count the secrets to tell it apart from other refusals.
		if cur, _, lerr := s.List(ctx, orgID, credentialID, opts...); lerr == nil && len(cur.ClientSecrets) >= MaxSecrets {
			return out, resp, &SecretLimitError{CredentialID: credentialID, SecretIDs: cur.uuids(), Err: err}
		}
	}
	return out, resp, err
}

// Delete deletes a client secret by its uuid (never its value). Adobe's
// docs answer 204, the spec 200.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: DELETE /console/organizations/{orgId}/credentials/{credentialId}/secrets/{secretId}
func (s *SecretsService) Delete(ctx context.Context, orgID, credentialID, secretUUID string, opts ...adobe.RequestOption) (*Response, error) {
	if err := required("orgID", orgID, "credentialID", credentialID); err != nil {
		return nil, err
	}
	if !isSecretUUID(secretUUID) {
		// Never repeat the value: it may be the client secret itself.
		return nil, core.NewArgError("secretUUID", "is not a secret uuid (32 hex digits, as ClientSecret.UUID from Secrets.List); pass the uuid, never the secret's value")
	}
	return (*service)(s).call(ctx, http.MethodDelete, core.Pathf("console/organizations/%s/credentials/%s/secrets/%s", orgID, credentialID, secretUUID), nil, nil, nil, opts)
}

// isSecretUUID reports whether id has the form of a Console secret uuid:
// 32 hex digits ("11ede399b68b57a5aca6a96b8b6487c9" in Adobe's docs), or the
// same with the dashes of the canonical 8-4-4-4-12 form.
func isSecretUUID(id string) bool {
	hex := 0
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
			hex++
		case c == '-' && (i == 8 || i == 13 || i == 18 || i == 23) && len(id) == 36:
		default:
			return false
		}
	}
	return hex == 32
}

// Verifier proves that a new client secret works, typically by minting a
// token with it (TokenVerifier).
type Verifier func(ctx context.Context, clientID string, secret auth.Secret) error

// TokenVerifier returns a Verifier that requests an OAuth Server-to-Server
// token from IMS for clientID with the new secret and template's org,
// scopes and IMS URL. opts are passed to auth.NewTokenSource (e.g.
// auth.WithBaseTransport in tests).
func TokenVerifier(template auth.Credentials, opts ...auth.Option) Verifier {
	return func(ctx context.Context, clientID string, secret auth.Secret) error {
		c := template
		c.ClientID, c.ClientSecret = clientID, secret
		ts, err := auth.NewTokenSource(c, opts...)
		if err != nil {
			return err
		}
		_, err = ts.TokenContext(ctx)
		return err
	}
}

// recoverLostAdd handles an Add whose outcome is unknown (its answer was
// lost, or Adobe answered 5xx or 409): a secret not in old was added. If
// Reveal reads its value, Rotate continues with it; otherwise the orphan,
// whose value was never returned, is deleted so that a re-run is not refused
// with *SecretLimitError. With no new secret, nothing was added: addErr.
func (s *SecretsService) recoverLostAdd(ctx context.Context, orgID, credentialID string, old []string, addErr error, opts []adobe.RequestOption) (ClientSecret, error) {
	after, _, err := s.List(ctx, orgID, credentialID, opts...)
	if err != nil {
		return ClientSecret{}, errors.Join(addErr, fmt.Errorf("devconsole: re-reading the secrets after a failed add: %w", err))
	}
	var orphan string
	for _, id := range after.uuids() {
		if !slices.Contains(old, id) {
			orphan = id
		}
	}
	if orphan == "" {
		return ClientSecret{}, addErr
	}
	if rev, _, rerr := s.Reveal(ctx, orgID, credentialID, opts...); rerr == nil {
		for _, cs := range rev.ClientSecrets {
			if cs.UUID == orphan && cs.Value != "" {
				return cs, nil
			}
		}
	}
	if _, derr := s.Delete(ctx, orgID, credentialID, orphan, opts...); derr != nil {
		return ClientSecret{}, errors.Join(
			fmt.Errorf("devconsole: the answer to adding a client secret was lost (%w); deleting the new secret %s, whose value was never returned, failed", addErr, orphan),
			derr)
	}
	return ClientSecret{}, fmt.Errorf("devconsole: the answer to adding a client secret was lost; the new secret %s, whose value was never returned, was deleted and the old secrets kept: re-run the rotation: %w", orphan, addErr)
}

// Rotation is the outcome of Rotate.
type Rotation struct {
	// New is the new secret, with its value.
	New ClientSecret
	// Deleted are the uuids of the old secrets that were deleted.
	Deleted []string
}

// Rotate replaces a credential's client secrets safely: it adds a new
// secret, proves with verify that the new secret mints a token, and only
// then deletes the old secrets. If verification fails, the new secret is
// deleted again and the old ones are kept. A credential that already has
// MaxSecrets secrets is refused with *SecretLimitError before any write.
// When the add's answer is lost, Rotate re-lists the secrets: it continues
// with the new secret if Reveal reads its value, else it deletes that secret
// and returns an error, so that a re-run can proceed.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: GET …/credentials/{credentialId}/secrets, POST …/credentials/{credentialId}/secrets,
// DELETE …/credentials/{credentialId}/secrets/{secretId} (per old secret); after an add whose answer
// was lost, GET …/credentials/{credentialId}/secrets, GET …/integrations/{intId}/secrets and perhaps
// DELETE …/credentials/{credentialId}/secrets/{secretId} (the new secret)
func (s *SecretsService) Rotate(ctx context.Context, orgID, credentialID string, verify Verifier, opts ...adobe.RequestOption) (Rotation, error) {
	if verify == nil {
		return Rotation{}, core.NewArgError("verify", "is nil; use TokenVerifier")
	}
	before, _, err := s.List(ctx, orgID, credentialID, opts...)
	if err != nil {
		return Rotation{}, err
	}
	old := before.uuids()
	if len(old) >= MaxSecrets {
		return Rotation{}, &SecretLimitError{CredentialID: credentialID, SecretIDs: old}
	}
	added, _, err := s.Add(ctx, orgID, credentialID, opts...)
	if ambiguous(ctx, err) {
		added, err = s.recoverLostAdd(ctx, orgID, credentialID, old, err, opts)
	}
	if err != nil {
		return Rotation{}, err
	}
	if added.UUID == "" { // the spec's 200 answer carries no uuid
		after, _, err := s.List(ctx, orgID, credentialID, opts...)
		if err != nil {
			return Rotation{}, err
		}
		for _, id := range after.uuids() {
			if !slices.Contains(old, id) {
				added.UUID = id
			}
		}
	}
	if err := verify(ctx, before.ClientID, added.Value); err != nil {
		verr := fmt.Errorf("devconsole: the new client secret did not mint a token; old secrets kept: %w", err)
		if added.UUID != "" {
			if _, derr := s.Delete(ctx, orgID, credentialID, added.UUID, opts...); derr != nil {
				return Rotation{}, errors.Join(verr, fmt.Errorf("devconsole: deleting the unusable new secret %s: %w", added.UUID, derr))
			}
		}
		return Rotation{}, verr
	}
	rot := Rotation{New: added}
	for _, id := range old {
		if _, err := s.Delete(ctx, orgID, credentialID, id, opts...); err != nil {
			return rot, fmt.Errorf("devconsole: the new secret works, deleting old secret %s failed: %w", id, err)
		}
		rot.Deleted = append(rot.Deleted, id)
	}
	return rot, nil
}
