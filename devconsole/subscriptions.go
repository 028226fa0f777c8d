package devconsole

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// License-config operations of the workspace subscription dialect.
const (
	OpAdd = "add" // attach a product profile (what Adobe's CLI sends)
	// OpRemove detaches a product profile. Unverified: no Adobe source
	// documents it; the spec types op as a free string.
	OpRemove = "remove"
)

// LicenseConfigOp attaches (OpAdd) or detaches (OpRemove) a product profile
// in the workspace subscription dialect.
type LicenseConfigOp struct {
	ProductID string `json:"productId"`
	ID        string `json:"id"`
	Op        string `json:"op"`
}

// SubscriptionRole is a role in the workspace subscription dialect (its id
// is an integer there).
type SubscriptionRole struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name,omitempty"`
}

// ServiceSubscription is one service in the workspace dialect
// (SetServices, and the services of a create request).
type ServiceSubscription struct {
	SDKCode        string             `json:"sdkCode"`
	AtlasPlanCode  string             `json:"atlasPlanCode,omitempty"`
	LicenseConfigs []LicenseConfigOp  `json:"licenseConfigs,omitempty"`
	Roles          []SubscriptionRole `json:"roles,omitempty"`
}

// Subscription is one service in the org dialect (SetServicesInOrg,
// Subscribe, Unsubscribe): product profiles are listed with Selected, role
// ids are strings.
type Subscription struct {
	SDKCode        string          `json:"sdkCode"`
	AtlasPlanCode  string          `json:"atlasPlanCode,omitempty"`
	LicenseConfigs []LicenseConfig `json:"licenseConfigs,omitempty"`
	Roles          []ServiceRole   `json:"roles,omitempty"`
}

// SubscriptionResult lists the services a credential is subscribed to after
// a change, and the Console's errors. The spec describes the workspace call's
// answer as an array of {sdkList: string}; the Console answers an object
// {sdkList: [...]}: both decode.
type SubscriptionResult struct {
	SDKList   []string `json:"sdkList"`
	ErrorList []string `json:"errorList,omitempty"`
}

// UnmarshalJSON accepts the object and the spec's array form.
func (r *SubscriptionResult) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var rows []struct {
			SDKList json.RawMessage `json:"sdkList"`
		}
		if err := json.Unmarshal(data, &rows); err != nil {
			return err
		}
		*r = SubscriptionResult{}
		for _, row := range rows {
			var one string
			var many []string
			if json.Unmarshal(row.SDKList, &many) == nil {
				for _, code := range many {
					if code != "" {
						r.SDKList = append(r.SDKList, code)
					}
				}
			} else if json.Unmarshal(row.SDKList, &one) == nil && one != "" {
				r.SDKList = append(r.SDKList, one)
			}
		}
		return nil
	}
	type plain SubscriptionResult
	return json.Unmarshal(data, (*plain)(r))
}

// SetServices replaces the services of a workspace credential: include the
// services it already has, or they are dropped. credentialType is
// TypeOAuthS2S for OAuth Server-to-Server credentials. This is the call
// Adobe's CLI makes ("aio console workspace api add").
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, PUT /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/{credentialType}/{credentialId}/services, "Subscribe Credential to Services".
//
// API: PUT /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/{credentialType}/{credentialId}/services
func (s *CredentialsService) SetServices(ctx context.Context, cred CredentialRef, credentialType string, subs []ServiceSubscription, reqOpts ...adobe.RequestOption) (*SubscriptionResult, *adobe.Response, error) {
	errs := []error{cred.validate("cred", true), checkID("credentialType", credentialType)}
	for i, sub := range subs {
		errs = append(errs, checkID(fmt.Sprintf("subs[%d].SDKCode", i), sub.SDKCode))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	if subs == nil {
		subs = []ServiceSubscription{}
	}
	path, err := (*service)(s).workspacePath(ctx, cred.Workspace(), reqOpts)
	if err != nil {
		return nil, nil, err
	}
	path += core.Pathf("/credentials/%s/%s/services", credentialType, cred.CredentialID)
	var out SubscriptionResult
	resp, err := (*service)(s).call(ctx, http.MethodPut, path, nil, subs, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// SetServicesInOrg replaces the services of an OAuth Server-to-Server
// credential (org dialect).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, PUT /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/services, "Subscribe oauth server to server credential to services".
//
// API: PUT /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/services
func (s *CredentialsService) SetServicesInOrg(ctx context.Context, cred CredentialRef, subs []Subscription, reqOpts ...adobe.RequestOption) (*SubscriptionResult, *adobe.Response, error) {
	errs := []error{cred.validate("cred", false)}
	for i, sub := range subs {
		errs = append(errs, checkID(fmt.Sprintf("subs[%d].SDKCode", i), sub.SDKCode))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	org, err := s.client.consoleOrg(ctx, cred.OrgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	if subs == nil {
		subs = []Subscription{}
	}
	var out SubscriptionResult
	resp, err := (*service)(s).call(ctx, http.MethodPut, core.Pathf("console/organizations/%s/credentials/oauth-server-to-server/%s/services", org, cred.CredentialID), nil, subs, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Subscribe adds one service to an OAuth Server-to-Server credential
// without touching its other services.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, PATCH /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/service/subscribe, "Subscribe oauth server to server credential to service".
//
// API: PATCH /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/service/subscribe
func (s *CredentialsService) Subscribe(ctx context.Context, cred CredentialRef, sub Subscription, reqOpts ...adobe.RequestOption) (*SubscriptionResult, *adobe.Response, error) {
	return s.patchService(ctx, cred, "subscribe", sub, reqOpts)
}

// Unsubscribe removes one service from an OAuth Server-to-Server
// credential.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, PATCH /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/service/unsubscribe, "Unsubscribe oauth server to server credential from service".
//
// API: PATCH /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/service/unsubscribe
func (s *CredentialsService) Unsubscribe(ctx context.Context, cred CredentialRef, sub Subscription, reqOpts ...adobe.RequestOption) (*SubscriptionResult, *adobe.Response, error) {
	return s.patchService(ctx, cred, "unsubscribe", sub, reqOpts)
}

func (s *CredentialsService) patchService(ctx context.Context, cred CredentialRef, verb string, sub Subscription, reqOpts []adobe.RequestOption) (*SubscriptionResult, *adobe.Response, error) {
	if err := errors.Join(cred.validate("cred", false), checkID("sub.SDKCode", sub.SDKCode)); err != nil {
		return nil, nil, err
	}
	org, err := s.client.consoleOrg(ctx, cred.OrgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out SubscriptionResult
	resp, err := (*service)(s).call(ctx, http.MethodPatch, core.Pathf("console/organizations/%s/credentials/oauth-server-to-server/%s/service/", org, cred.CredentialID)+verb, nil, sub, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// ServicePropertiesOfCredential is a service's product profiles and roles
// for one credential: LicenseConfigs[].Selected tells which profiles are
// attached.
type ServicePropertiesOfCredential struct {
	SDKCode        string          `json:"sdkCode"`
	Name           string          `json:"name"`
	Roles          []ServiceRole   `json:"sdkList,omitempty"`
	LicenseConfigs []LicenseConfig `json:"licenseConfigs"`
}

// Selected returns the attached product profiles.
func (p ServicePropertiesOfCredential) Selected() []LicenseConfig {
	var out []LicenseConfig
	for _, l := range p.LicenseConfigs {
		if l.Selected {
			out = append(out, l)
		}
	}
	return out
}

// GetServiceProperties returns which of a service's product profiles are
// attached to a credential (LicenseConfigs[].Selected). Read it after a
// change: it is also what refreshes the Console's cache behind
// GetIntegration.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/integrations/entp/{intId}/service/{sdkCode}/properties, "list of credential sdk properties".
//
// API: GET /console/organizations/{orgId}/integrations/entp/{intId}/service/{sdkCode}/properties
func (s *CredentialsService) GetServiceProperties(ctx context.Context, cred CredentialRef, sdkCode string, reqOpts ...adobe.RequestOption) (*ServicePropertiesOfCredential, *adobe.Response, error) {
	if err := errors.Join(cred.validate("cred", false), checkID("sdkCode", sdkCode)); err != nil {
		return nil, nil, err
	}
	org, err := s.client.consoleOrg(ctx, cred.OrgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out ServicePropertiesOfCredential
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/integrations/entp/%s/service/%s/properties", org, cred.CredentialID, sdkCode), nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// checkProfiles validates a list of product-profile names or ids.
func checkProfiles(profiles []string, sdkCode string) error {
	if len(profiles) == 0 {
		return core.NewArgError("profiles", "is empty; name at least one product profile of %s", sdkCode)
	}
	var errs []error
	for i, p := range profiles {
		if strings.TrimSpace(p) == "" {
			errs = append(errs, core.NewArgError(fmt.Sprintf("profiles[%d]", i), "is empty"))
			continue
		}
		if strings.ContainsFunc(p, unicode.IsControl) || utf8.RuneCountInString(p) > MaxProjectNameLen || !utf8.ValidString(p) {
			errs = append(errs, core.NewArgError(fmt.Sprintf("profiles[%d]", i), "is not a product-profile name or id (control characters, invalid UTF-8 or more than %d characters)", MaxProjectNameLen))
		}
	}
	return errors.Join(errs...)
}

// AttachProductProfiles subscribes a workspace's OAuth Server-to-Server
// credential to a service (e.g. SDKAnalytics) with the given product
// profiles (names or ids), keeping its other services with their product
// profiles and roles (the PUT replaces the whole set). It converges: when
// the profiles are already attached it makes no write (Changes is empty).
// Value lists the requested profiles, now attached; Created reports that
// this call attached at least one. A profile the service does not offer is
// a *ProfileUnavailableError listing the available profiles, returned
// before any write: no API creates product profiles. Names match as Adobe
// compares product-profile names: case-insensitively, ignoring surrounding
// spaces; ids match exactly. cred needs all four ids. Concurrent calls for
// one credential and service on one Client are serialized.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/integrations/entp/{intId}/service/{sdkCode}/properties, "list of credential sdk properties".
//
// API: GET /console/organizations/{orgId}/integrations/entp/{intId}/service/{sdkCode}/properties,
// GET /console/organizations/{orgId}/services?sdkCodes= (only when the credential's properties list no
// profile), then only if something is missing GET /console/organizations/{orgId}/integrations/{intId},
// GET /console/organizations/{orgId}/services (only when another service's role lacks its id) and
// PUT …/workspaces/{workspaceId}/credentials/oauth_server_to_server/{credentialId}/services
func (c *Client) AttachProductProfiles(ctx context.Context, cred CredentialRef, sdkCode string, profiles []string, reqOpts ...adobe.RequestOption) (*adobe.Ensured[[]LicenseConfig], error) {
	if err := errors.Join(cred.validate("cred", true), checkID("sdkCode", sdkCode), checkProfiles(profiles, sdkCode)); err != nil {
		return nil, err
	}
	org, err := c.consoleOrg(ctx, cred.OrgID, reqOpts)
	if err != nil {
		return nil, err
	}
	ncred := cred
	ncred.OrgID = org
	unlock, err := c.locks.Lock(ctx, "subscription "+ncred.String()+" "+sdkCode)
	if err != nil {
		return nil, err
	}
	defer unlock()
	offered, err := c.offeredProfiles(ctx, ncred, sdkCode, reqOpts)
	if err != nil {
		return nil, err
	}
	e := &adobe.Ensured[[]LicenseConfig]{}
	var missing []string
	var add []LicenseConfigOp
	var names []string
	for _, want := range profiles {
		i := slices.IndexFunc(offered, func(l LicenseConfig) bool { return l.is(want) })
		if i < 0 {
			missing = append(missing, want)
			continue
		}
		l := offered[i]
		if slices.ContainsFunc(e.Value, func(a LicenseConfig) bool { return a.ID == l.ID }) {
			continue // named twice (by id and name, or in another case)
		}
		if !l.Selected {
			add = append(add, LicenseConfigOp{ProductID: l.ProductID, ID: l.ID, Op: OpAdd})
			names = append(names, strconv.Quote(l.Name))
			l.Selected = true
		}
		e.Value = append(e.Value, l)
	}
	if len(missing) > 0 {
		avail := make([]string, len(offered))
		for i, l := range offered {
			avail[i] = l.Name
		}
		return nil, &ProfileUnavailableError{SDKCode: sdkCode, Missing: missing, Available: avail}
	}
	if len(add) == 0 {
		return e, nil
	}
	path, err := c.setServicesKeeping(ctx, ncred, sdkCode, add, reqOpts)
	if err != nil {
		return nil, err
	}
	e.Created = true
	e.Record(fmt.Sprintf("attached product profile %s of %s to credential %s", strings.Join(names, ", "), sdkCode, cred.CredentialID), http.MethodPut, path)
	return e, nil
}

// setServicesKeeping sends ops for sdkCode with the credential's other
// services kept, and returns the PUT's path.
func (c *Client) setServicesKeeping(ctx context.Context, cred CredentialRef, sdkCode string, ops []LicenseConfigOp, reqOpts []adobe.RequestOption) (string, error) {
	in, _, err := c.Credentials.GetIntegration(ctx, cred, reqOpts...)
	if err != nil {
		return "", err
	}
	subs, err := c.keepOtherServices(ctx, cred.OrgID, in, sdkCode, reqOpts)
	if err != nil {
		return "", err
	}
	subs = append([]ServiceSubscription{{SDKCode: sdkCode, LicenseConfigs: ops}}, subs...)
	if _, _, err := c.Credentials.SetServices(ctx, cred, TypeOAuthS2S, subs, reqOpts...); err != nil {
		return "", err
	}
	return "/" + core.Pathf("console/organizations/%s/projects/%s/workspaces/%s/credentials/%s/%s/services", cred.OrgID, cred.ProjectID, cred.WorkspaceID, TypeOAuthS2S, cred.CredentialID), nil
}

// keepOtherServices returns the credential's services other than sdkCode
// in the workspace dialect, with their product profiles and roles, so that
// a replace-all PUT keeps them. The credential's details give role codes
// (the spec has no role id there); the ids the PUT needs come from the
// org's service list, read only when a role lacks its id.
func (c *Client) keepOtherServices(ctx context.Context, orgID string, in *Integration, sdkCode string, reqOpts []adobe.RequestOption) ([]ServiceSubscription, error) {
	var subs []ServiceSubscription
	var roleIDs map[string]map[string]int64 // sdkCode → role code → id
	for _, code := range in.SDKList {
		if code == sdkCode {
			continue
		}
		sub := ServiceSubscription{SDKCode: code}
		for _, sp := range in.ServiceProperties {
			if sp.SDKCode != code {
				continue
			}
			for _, l := range sp.LicenseConfigs {
				sub.LicenseConfigs = append(sub.LicenseConfigs, LicenseConfigOp{ProductID: l.ProductID, ID: l.ID, Op: OpAdd})
			}
			for _, r := range sp.Roles {
				id, err := strconv.ParseInt(r.ID, 10, 64)
				if err != nil {
					if roleIDs == nil {
						if roleIDs, err = c.serviceRoleIDs(ctx, orgID, reqOpts); err != nil {
							return nil, err
						}
					}
					var ok bool
					if id, ok = roleIDs[code][r.Code]; !ok {
						return nil, fmt.Errorf("devconsole: cannot keep role %q of service %s: the org's service list has no such role", r.Code, code)
					}
				}
				sub.Roles = append(sub.Roles, SubscriptionRole{ID: id, Code: r.Code})
			}
		}
		subs = append(subs, sub)
	}
	return subs, nil
}

// serviceRoleIDs maps each service's role codes to their ids.
func (c *Client) serviceRoleIDs(ctx context.Context, orgID string, reqOpts []adobe.RequestOption) (map[string]map[string]int64, error) {
	svcs, _, err := c.Organizations.ListServices(ctx, orgID, nil, reqOpts...)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]int64{}
	for _, sv := range svcs {
		for _, r := range sv.Properties.Roles {
			id, err := strconv.ParseInt(r.ID, 10, 64)
			if err != nil {
				continue
			}
			if out[sv.Code] == nil {
				out[sv.Code] = map[string]int64{}
			}
			out[sv.Code][r.Code] = id
		}
	}
	return out, nil
}

// DetachProductProfiles detaches product profiles (names or ids) of a
// service from a workspace's OAuth Server-to-Server credential with op
// "remove" (unverified against Adobe; see OpRemove), keeping the
// credential's other services with their product profiles and roles (the
// PUT replaces the whole set). It converges: it makes no write when none of
// them is attached. Value lists the profiles this call detached; Created is
// always false. Names match case-insensitively, as in
// AttachProductProfiles; an empty list is an *adobe.ArgError.
//
// Adobe documents no page for these calls; their spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json.
//
// API: GET …/integrations/entp/{intId}/service/{sdkCode}/properties, then only if one is attached
// GET /console/organizations/{orgId}/integrations/{intId}, GET /console/organizations/{orgId}/services
// (only when another service's role lacks its id) and
// PUT …/workspaces/{workspaceId}/credentials/oauth_server_to_server/{credentialId}/services
func (c *Client) DetachProductProfiles(ctx context.Context, cred CredentialRef, sdkCode string, profiles []string, reqOpts ...adobe.RequestOption) (*adobe.Ensured[[]LicenseConfig], error) {
	if err := errors.Join(cred.validate("cred", true), checkID("sdkCode", sdkCode), checkProfiles(profiles, sdkCode)); err != nil {
		return nil, err
	}
	org, err := c.consoleOrg(ctx, cred.OrgID, reqOpts)
	if err != nil {
		return nil, err
	}
	ncred := cred
	ncred.OrgID = org
	unlock, err := c.locks.Lock(ctx, "subscription "+ncred.String()+" "+sdkCode)
	if err != nil {
		return nil, err
	}
	defer unlock()
	props, _, err := c.Credentials.GetServiceProperties(ctx, ncred, sdkCode, reqOpts...)
	if err != nil {
		return nil, err
	}
	e := &adobe.Ensured[[]LicenseConfig]{}
	var rm []LicenseConfigOp
	var names []string
	for _, l := range props.LicenseConfigs {
		if l.Selected && slices.ContainsFunc(profiles, l.is) {
			rm = append(rm, LicenseConfigOp{ProductID: l.ProductID, ID: l.ID, Op: OpRemove})
			names = append(names, strconv.Quote(l.Name))
			l.Selected = false
			e.Value = append(e.Value, l)
		}
	}
	if len(rm) == 0 {
		return e, nil
	}
	path, err := c.setServicesKeeping(ctx, ncred, sdkCode, rm, reqOpts)
	if err != nil {
		return nil, err
	}
	e.Record(fmt.Sprintf("detached product profile %s of %s from credential %s", strings.Join(names, ", "), sdkCode, cred.CredentialID), http.MethodPut, path)
	return e, nil
}

// offeredProfiles returns a service's product profiles with Selected for
// the credential. When the credential's properties list none (or the
// Console answers 404 for a service the credential does not have yet), it
// reads the org's service entry: a disabled service is a
// *ServiceDisabledError with the Console's reasons.
func (c *Client) offeredProfiles(ctx context.Context, cred CredentialRef, sdkCode string, reqOpts []adobe.RequestOption) ([]LicenseConfig, error) {
	props, _, err := c.Credentials.GetServiceProperties(ctx, cred, sdkCode, reqOpts...)
	if err == nil && len(props.LicenseConfigs) > 0 {
		return props.LicenseConfigs, nil
	}
	if err != nil && !errors.Is(err, adobe.ErrNotFound) {
		return nil, err
	}
	svc, _, err := c.Organizations.GetService(ctx, cred.OrgID, sdkCode, reqOpts...)
	if err != nil {
		return nil, err
	}
	if !svc.Enabled && len(svc.DisabledReasons) > 0 {
		return nil, &ServiceDisabledError{SDKCode: sdkCode, Reasons: svc.DisabledReasons}
	}
	return svc.Properties.LicenseConfigs, nil
}
