package fakeconsole

import (
	"errors"
	"net/http"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// metaOf returns a secret's uuid and creation time, assigning them the first
// time a secret is seen. Callers hold p.mu.
func (p *Part) metaOfLocked(secret string) secretMeta {
	m, ok := p.secrets[secret]
	if !ok {
		m = secretMeta{UUID: p.s.RandString("0123456789abcdef", 32), Created: time.Now()}
		p.secrets[secret] = m
	}
	return m
}

func secretJSON(m secretMeta, value string) map[string]any {
	out := map[string]any{
		"expires_at": "PERMANENT", "expires_at_str": "PERMANENT",
		"created_at": fakestate.EpochMillis(m.Created), "created_at_str": m.Created.UTC().Format("Mon, Jan 02 2006 15:04:05.000 UTC"),
		"uuid": m.UUID, "secret_usages": []any{},
	}
	if value != "" {
		out["client_secret"] = value
	}
	return out
}

// secretsOf answers the credential's secrets, with their values or not.
func (p *Part) secretsOf(w http.ResponseWriter, r *http.Request, c call, key string, values bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cr, ok := p.credOf(w, r, c, key)
	if !ok {
		return
	}
	sc, _ := p.s.Credential(cr.ClientID)
	list := []map[string]any{}
	for _, v := range sc.ClientSecrets {
		shown := ""
		if values {
			shown = v
		}
		list = append(list, secretJSON(p.metaOfLocked(v), shown))
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{"client_id": cr.ClientID, "client_secrets": list})
}

func (p *Part) listSecrets(w http.ResponseWriter, r *http.Request, c call) {
	p.secretsOf(w, r, c, "credentialId", false)
}

func (p *Part) revealSecrets(w http.ResponseWriter, r *http.Request, c call) {
	p.secretsOf(w, r, c, "intId", true)
}

// addSecret answers 201 with the new secret and its uuid, as Adobe's docs
// show (the spec says 200 without the uuid).
func (p *Part) addSecret(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cr, ok := p.credOf(w, r, c, "credentialId")
	if !ok || migrating(w, cr) {
		return
	}
	v, err := p.s.AddClientSecret(cr.ClientID)
	if errors.Is(err, fakestate.ErrLimit) {
		writeErrorCode(w, http.StatusBadRequest, "SECRET_LIMIT_REACHED", "A credential can have at most 2 client secrets")
		return
	} else if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	fakestate.WriteJSON(w, http.StatusCreated, secretJSON(p.metaOfLocked(v), v))
}

// deleteSecretOrBinding serves DELETE …/credentials/{id}/secrets/{uuid}
// (204, as Adobe's docs show; the spec says 200) and DELETE
// …/credentials/oauth-server-to-server/{id}/binding.
func (p *Part) deleteSecretOrBinding(w http.ResponseWriter, r *http.Request, c call) {
	a, b, cc := r.PathValue("a"), r.PathValue("b"), r.PathValue("c")
	if a == "oauth-server-to-server" && cc == "binding" {
		p.cancelMigration(w, b, c)
		return
	}
	if b != "secrets" {
		writeError(w, http.StatusNotFound, "Not found")
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	cr, ok := p.creds[a]
	if !ok || cr.OrgID != c.org.ID {
		writeError(w, http.StatusNotFound, "Credential not found")
		return
	}
	sc, _ := p.s.Credential(cr.ClientID)
	for _, v := range sc.ClientSecrets {
		if p.metaOfLocked(v).UUID == cc {
			_ = p.s.DeleteClientSecret(cr.ClientID, v)
			delete(p.secrets, v)
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	writeError(w, http.StatusNotFound, "Secret not found")
}
