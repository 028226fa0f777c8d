package devconsole

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"net"
	"net/http"
	"slices"
	"time"

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

// Secrets are a credential's client id and secrets (the answer of Reveal).
type Secrets struct {
	ClientID      string         `json:"client_id"`
	ClientSecrets []ClientSecret `json:"client_secrets"`
}

func (x Secrets) uuids() []string { return uuids(x.ClientSecrets) }

func uuids(cs []ClientSecret) []string {
	out := make([]string, 0, len(cs))
	for _, s := range cs {
		out = append(out, s.UUID)
	}
	return out
}

// secretsPath validates cred and returns the path of its secrets.
func (s *SecretsService) secretsPath(ctx context.Context, cred CredentialRef, reqOpts []adobe.RequestOption) (string, error) {
	org, err := (*service)(s).credOrg(ctx, cred, false, reqOpts)
	if err != nil {
		return "", err
	}
	return core.Pathf("console/organizations/%s/credentials/%s/secrets", org, cred.CredentialID), nil
}

// list returns the client id and the secrets without their values.
func (s *SecretsService) list(ctx context.Context, cred CredentialRef, reqOpts []adobe.RequestOption) (*Secrets, *adobe.Response, error) {
	path, err := s.secretsPath(ctx, cred, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out Secrets
	resp, err := (*service)(s).call(ctx, http.MethodGet, path, nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// List returns a credential's secrets without their values (cred needs
// OrgID and CredentialID only).
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: GET /console/organizations/{orgId}/credentials/{credentialId}/secrets
func (s *SecretsService) List(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) ([]ClientSecret, *adobe.Response, error) {
	x, resp, err := s.list(ctx, cred, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	wholeList(resp, len(x.ClientSecrets))
	return x.ClientSecrets, resp, nil
}

// ListIter iterates over a credential's secrets without their values (one
// request: the list is not paginated).
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: GET /console/organizations/{orgId}/credentials/{credentialId}/secrets
func (s *SecretsService) ListIter(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) iter.Seq2[ClientSecret, error] {
	return onePage(ctx, func(ctx context.Context) ([]ClientSecret, error) {
		items, _, err := s.List(ctx, cred, reqOpts...)
		return items, err
	})
}

// Reveal returns a credential's client id and secrets with their values
// (what Adobe's CLI reads to write a .env file).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/integrations/{intId}/secrets, "get integration secrets".
//
// API: GET /console/organizations/{orgId}/integrations/{intId}/secrets
func (s *SecretsService) Reveal(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (*Secrets, *adobe.Response, error) {
	org, err := (*service)(s).credOrg(ctx, cred, false, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out Secrets
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/integrations/%s/secrets", org, cred.CredentialID), nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Add generates a new client secret; its value is returned only here. A
// credential has at most MaxSecrets secrets: a refusal at the limit is a
// *SecretLimitError. Adobe's docs answer 201 with the secret's uuid; the
// spec answers 200 without it: both are accepted (see Rotate, which finds
// the uuid when it is missing). An answer without the secret's value is an
// *adobe.ResponseError.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: POST /console/organizations/{orgId}/credentials/{credentialId}/secrets
func (s *SecretsService) Add(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (*ClientSecret, *adobe.Response, error) {
	path, err := s.secretsPath(ctx, cred, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out ClientSecret
	resp, err := (*service)(s).call(ctx, http.MethodPost, path, nil, nil, &out, reqOpts)
	var ae *adobe.Error
	if errors.As(err, &ae) && ae.StatusCode >= 400 && ae.StatusCode < 500 && ae.StatusCode != http.StatusTooManyRequests &&
		ae.StatusCode != http.StatusUnauthorized && ae.StatusCode != http.StatusNotFound {
		// Adobe does not document the body of a refusal at the limit:
		// count the secrets to tell it apart from other refusals.
		if cur, _, lerr := s.list(ctx, cred, reqOpts); lerr == nil && len(cur.ClientSecrets) >= MaxSecrets {
			return nil, resp, &SecretLimitError{CredentialID: cred.CredentialID, SecretIDs: cur.uuids(), Err: err}
		}
	}
	if err != nil {
		return nil, resp, err
	}
	if out.Value == "" {
		return nil, resp, missingField(resp, http.MethodPost, path, "client_secret")
	}
	return &out, resp, nil
}

// Delete deletes a client secret by its uuid (never its value). Adobe's
// docs answer 204, the spec 200.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: DELETE /console/organizations/{orgId}/credentials/{credentialId}/secrets/{secretId}
func (s *SecretsService) Delete(ctx context.Context, cred CredentialRef, secretUUID string, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	var uerr error
	if !isSecretUUID(secretUUID) {
		// Never repeat the value: it may be the client secret itself.
		uerr = core.NewArgError("secretUUID", "is not a secret uuid (32 hex digits, as ClientSecret.UUID from Secrets.List); pass the uuid, never the secret's value")
	}
	if err := errors.Join(cred.validate("cred", false), uerr); err != nil {
		return nil, err
	}
	path, err := s.secretsPath(ctx, cred, reqOpts)
	if err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, path+"/"+core.Pathf("%s", secretUUID), nil, nil, nil, reqOpts)
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

// Verifier proves that a client secret works, typically by minting a token
// with it (TokenVerifier). It returns nil when the secret works. An error
// that wraps a context error, an *adobe.RequestError, a network error, a
// 5xx or a 429 means the check could not be made (Rotate then deletes
// nothing); any other error means the secret was refused.
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

// inconclusive reports whether a Verifier's error means the check could
// not be made (as opposed to: the secret was refused).
func inconclusive(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var re *adobe.RequestError
	var ne net.Error
	if errors.As(err, &re) || errors.As(err, &ne) {
		return true
	}
	var ae *adobe.Error
	if errors.As(err, &ae) {
		return ae.StatusCode >= 500 || ae.StatusCode == http.StatusTooManyRequests
	}
	var te *auth.TokenError
	if errors.As(err, &te) {
		return te.StatusCode >= 500 || te.StatusCode == http.StatusTooManyRequests
	}
	return false
}

// VerificationError is a Rotate whose check of a client secret failed: the
// secret was refused (Inconclusive false: "did not mint a token"), or the
// check could not be made (Inconclusive true: timeout, network, 5xx; a
// re-run of Rotate finishes the rotation). Err is the Verifier's error.
type VerificationError struct {
	// SecretUUID is the secret that was checked.
	SecretUUID string
	// Inconclusive reports that the check could not be made.
	Inconclusive bool
	// Kept says which secrets the call kept, e.g. "old secrets kept".
	Kept string
	// Err is the Verifier's error.
	Err error
}

// Error implements error.
func (e *VerificationError) Error() string {
	if e.Inconclusive {
		return fmt.Sprintf("devconsole: could not check whether client secret %s mints a token; %s: re-run Rotate to finish (it keeps the newest secret that mints a token): %v", e.SecretUUID, e.Kept, e.Err)
	}
	return fmt.Sprintf("devconsole: client secret %s did not mint a token; %s: %v", e.SecretUUID, e.Kept, e.Err)
}

// Unwrap returns Err.
func (e *VerificationError) Unwrap() error { return e.Err }

// cleanupTimeout bounds the clean-up writes Rotate makes after its
// caller's context ended.
const cleanupTimeout = 30 * time.Second

// cleanupContext is ctx without its cancellation, bounded by
// cleanupTimeout: a clean-up must not fail because the call's context
// already ended.
func cleanupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
}

// recoverLostAdd handles an Add whose outcome is unknown (its answer was
// lost or unusable, or Adobe answered 5xx or 409): a secret not in old was
// added. If Reveal reads its value, Rotate continues with it; otherwise the
// orphan, whose value was never returned, is deleted so that a re-run is
// not refused. With no new secret, nothing was added: addErr.
func (s *SecretsService) recoverLostAdd(ctx context.Context, cred CredentialRef, old []string, addErr error, reqOpts []adobe.RequestOption) (*ClientSecret, error) {
	after, _, err := s.list(ctx, cred, reqOpts)
	if err != nil {
		return nil, errors.Join(addErr, fmt.Errorf("devconsole: re-reading the secrets after a failed add (a re-run of Rotate finishes the job): %w", err))
	}
	var orphan string
	for _, id := range after.uuids() {
		if !slices.Contains(old, id) {
			orphan = id
		}
	}
	if orphan == "" {
		return nil, addErr
	}
	if rev, _, rerr := s.Reveal(ctx, cred, reqOpts...); rerr == nil {
		for _, cs := range rev.ClientSecrets {
			if cs.UUID == orphan && cs.Value != "" {
				return &cs, nil
			}
		}
	}
	cctx, cancel := cleanupContext(ctx)
	defer cancel()
	if _, derr := s.Delete(cctx, cred, orphan, reqOpts...); derr != nil {
		return nil, errors.Join(
			fmt.Errorf("devconsole: the answer to adding a client secret was lost (%w); deleting the new secret %s, whose value was never returned, failed (a re-run of Rotate finishes the job)", addErr, orphan),
			derr)
	}
	return nil, fmt.Errorf("devconsole: the answer to adding a client secret was lost; the new secret %s, whose value was never returned, was deleted and the old secrets kept: re-run the rotation: %w", orphan, addErr)
}

// Rotation is the outcome of Rotate.
type Rotation struct {
	// New is the secret the credential keeps, with its value: the one
	// this call added, or, when it finished an earlier rotation, the
	// newest secret that mints a token.
	New ClientSecret
	// Deleted are the uuids of the secrets that were deleted.
	Deleted []string
	// Resumed reports that the credential already had MaxSecrets secrets
	// (an earlier rotation stopped before deleting the old one) and that
	// this call finished that rotation instead of adding a secret.
	Resumed bool
	// Found says what Rotate found before it wrote, e.g. "1 secret" or
	// "2 secrets: an unfinished rotation".
	Found string
}

// Rotate replaces a credential's client secrets safely, and can be re-run
// after a failure at any step:
//
//   - With fewer than MaxSecrets secrets it adds a new secret, proves with
//     verify that it mints a token, and only then deletes the old secrets.
//     If the new secret is refused, it is deleted again and the old ones
//     are kept. If the check could not be made (timeout, network, 5xx: see
//     Verifier), nothing is deleted and the error says so: a re-run
//     finishes.
//   - With MaxSecrets secrets (an earlier rotation that stopped before its
//     delete, or a second secret added elsewhere) it reads their values
//     (Reveal), keeps the newest secret that mints a token and deletes the
//     others: Rotation.Resumed is true and no secret is added. When none
//     mints a token, or the values cannot be read, it is a
//     *SecretLimitError, before any write.
//
// When the add's answer is lost, Rotate re-lists the secrets: it continues
// with the new secret if Reveal reads its value, else it deletes that secret
// and returns an error, so that a re-run can proceed. Clean-up deletes run
// on a context that outlives the caller's by at most 30 seconds. After a
// failure that followed a write, the partial *Rotation comes back with the
// error. cred needs OrgID and CredentialID only.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/#rotating-client-secrets-programmatically
//
// API: GET …/credentials/{credentialId}/secrets, POST …/credentials/{credentialId}/secrets,
// DELETE …/credentials/{credentialId}/secrets/{secretId} (per old secret); with MaxSecrets secrets
// GET …/integrations/{intId}/secrets and DELETE …/secrets/{secretId} (per secret not kept); after an add whose answer
// was lost, GET …/credentials/{credentialId}/secrets, GET …/integrations/{intId}/secrets and perhaps
// DELETE …/credentials/{credentialId}/secrets/{secretId} (the new secret)
func (s *SecretsService) Rotate(ctx context.Context, cred CredentialRef, verify Verifier, reqOpts ...adobe.RequestOption) (*Rotation, error) {
	var verr error
	if verify == nil {
		verr = core.NewArgError("verify", "is nil; use TokenVerifier")
	}
	if err := errors.Join(cred.validate("cred", false), verr); err != nil {
		return nil, err
	}
	org, err := s.client.consoleOrg(ctx, cred.OrgID, reqOpts)
	if err != nil {
		return nil, err
	}
	cred.OrgID = org
	before, _, err := s.list(ctx, cred, reqOpts)
	if err != nil {
		return nil, err
	}
	old := before.uuids()
	if len(old) >= MaxSecrets {
		return s.finishRotation(ctx, cred, before, verify, reqOpts)
	}
	rot := &Rotation{Found: fmt.Sprintf("%d secret(s)", len(old))}
	added, _, err := s.Add(ctx, cred, reqOpts...)
	if ambiguous(ctx, err) {
		added, err = s.recoverLostAdd(ctx, cred, old, err, reqOpts)
	}
	if err != nil {
		return nil, err
	}
	if added.UUID == "" { // the spec's 200 answer carries no uuid
		after, _, err := s.list(ctx, cred, reqOpts)
		if err != nil {
			rot.New = *added
			return rot, fmt.Errorf("devconsole: a new secret was added; finding its uuid failed (a re-run of Rotate finishes the job): %w", err)
		}
		for _, id := range after.uuids() {
			if !slices.Contains(old, id) {
				added.UUID = id
			}
		}
	}
	rot.New = *added
	if err := verify(ctx, before.ClientID, added.Value); err != nil {
		if inconclusive(err) {
			return rot, &VerificationError{SecretUUID: added.UUID, Inconclusive: true, Kept: "no secret deleted", Err: err}
		}
		verr := &VerificationError{SecretUUID: added.UUID, Kept: "the new secret is deleted, old secrets kept", Err: err}
		if added.UUID != "" {
			cctx, cancel := cleanupContext(ctx)
			defer cancel()
			if _, derr := s.Delete(cctx, cred, added.UUID, reqOpts...); derr != nil {
				return rot, errors.Join(verr, fmt.Errorf("devconsole: deleting the unusable new secret %s (a re-run of Rotate deletes it): %w", added.UUID, derr))
			}
			rot.Deleted = append(rot.Deleted, added.UUID)
		}
		rot.New = ClientSecret{}
		return rot, verr
	}
	for _, id := range old {
		if _, err := s.Delete(ctx, cred, id, reqOpts...); err != nil {
			return rot, fmt.Errorf("devconsole: the new secret works; deleting old secret %s failed: re-run Rotate to finish (it keeps the newest secret that mints a token): %w", id, err)
		}
		rot.Deleted = append(rot.Deleted, id)
	}
	return rot, nil
}

// finishRotation keeps the newest of cur's secrets that mints a token and
// deletes the others.
func (s *SecretsService) finishRotation(ctx context.Context, cred CredentialRef, cur *Secrets, verify Verifier, reqOpts []adobe.RequestOption) (*Rotation, error) {
	ids := cur.uuids()
	limit := func(why error) error {
		return &SecretLimitError{CredentialID: cred.CredentialID, SecretIDs: ids, Err: why}
	}
	rev, _, err := s.Reveal(ctx, cred, reqOpts...)
	if err != nil {
		return nil, limit(fmt.Errorf("reading the secrets' values to finish an unfinished rotation: %w", err))
	}
	secrets := slices.Clone(rev.ClientSecrets)
	slices.SortStableFunc(secrets, func(a, b ClientSecret) int { // newest first
		ta, _ := a.CreatedAt.Time()
		tb, _ := b.CreatedAt.Time()
		return tb.Compare(ta)
	})
	clientID := cmp.Or(cur.ClientID, rev.ClientID)
	var keep *ClientSecret
	for i := range secrets {
		if secrets[i].Value == "" || !slices.Contains(ids, secrets[i].UUID) {
			continue
		}
		err := verify(ctx, clientID, secrets[i].Value)
		if err == nil {
			keep = &secrets[i]
			break
		}
		if inconclusive(err) {
			return nil, &VerificationError{SecretUUID: secrets[i].UUID, Inconclusive: true,
				Kept: fmt.Sprintf("the credential has %d client secrets (an unfinished rotation), none deleted", len(ids)), Err: err}
		}
	}
	if keep == nil {
		return nil, limit(fmt.Errorf("none of the %d secrets whose value could be read mints a token", len(secrets)))
	}
	rot := &Rotation{New: *keep, Resumed: true,
		Found: fmt.Sprintf("%d secrets: an unfinished rotation (or a secret added elsewhere); kept %s, the newest that mints a token", len(ids), keep.UUID)}
	for _, id := range ids {
		if id == keep.UUID {
			continue
		}
		if _, err := s.Delete(ctx, cred, id, reqOpts...); err != nil {
			return rot, fmt.Errorf("devconsole: finishing an unfinished rotation, deleting secret %s failed: re-run Rotate: %w", id, err)
		}
		rot.Deleted = append(rot.Deleted, id)
	}
	return rot, nil
}
