package fakeanalytics

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Register adds the Analytics routes.
func (s *Service) Register(r *fakestate.Router) {
	r.HandleFunc("GET /discovery/me", s.gate(false, s.discovery))
	h := func(pattern string, fn func(*call)) { r.HandleFunc(pattern, s.gate(true, fn)) }
	const api = "/api/{gcid}/"
	// The current collection paths (report-suites.json) and the older
	// ones (the 2022 swagger's /collections/suites, still called by
	// AANALYTICS2 and adobeanalyticsr) answer the same.
	for _, pre := range []string{"reportsuites/collections/suites", "collections/suites"} {
		h("GET "+api+pre, s.listSuites)
		h("GET "+api+pre+"/{rsid}", s.getSuite)
	}
	h("POST "+api+"reportsuites/reportsuites/{rsid}", s.createSuite)
	h("GET "+api+"dimensions", s.listDimensions)
	h("GET "+api+"dimensions/{id}", s.getDimension)
	h("GET "+api+"metrics", s.listMetrics)
	h("GET "+api+"metrics/{id}", s.getMetric)
	for _, k := range []kind{segments, calcMetrics} {
		h("GET "+api+k.path, s.listComponents(k))
		h("POST "+api+k.path, s.createComponent(k))
		h("POST "+api+k.path+"/validate", s.validateComponent(k))
		h("GET "+api+k.path+"/{id}", s.getComponent(k))
		h("PUT "+api+k.path+"/{id}", s.updateComponent(k))
		h("DELETE "+api+k.path+"/{id}", s.deleteComponent(k))
	}
	h("GET "+api+"users", s.listUsers)
	h("GET "+api+"users/me", s.me)
	// The docs write /classifications/, the spec /classification/; serve
	// both.
	for _, pre := range []string{"classifications", "classification"} {
		h("GET "+api+pre+"/datasets/compatibilityMetrics/{rsid}", s.compatibility)
		h("GET "+api+pre+"/datasets/{id}", s.getDataset)
		h("PUT "+api+pre+"/datasets/{id}", s.putDataset)
		h("POST "+api+pre+"/job/import/json/{id}", s.importJSON)
		h("POST "+api+pre+"/job/export/{id}", s.export)
		h("GET "+api+pre+"/job/{job}", s.getJob)
		h("GET "+api+pre+"/job/byDataset/{id}", s.jobsByDataset)
		h("GET "+api+pre+"/datasets/template/{id}", s.template)
		h("GET "+api+pre+"/job/export/file/{job}", s.exportFile)
		h("GET "+api+pre+"/job/export/file/{job}/list", s.exportFileList)
		h("GET "+api+pre+"/job/export/file/{job}/{file}", s.exportFile)
	}
	h("GET "+api+"datasources/account/{rsid}", s.listSources)
	h("POST "+api+"datasources/account/{rsid}", s.createSource)
	h("GET "+api+"datasources/account/{rsid}/{ds}", s.getSource)
	h("DELETE "+api+"datasources/account/{rsid}/{ds}", s.deleteSource)
	h("GET "+api+"datasources/job/{rsid}/{ds}", s.listSourceJobs)
	h("POST "+api+"datasources/job/{rsid}/{ds}", s.uploadSourceJob)
	h("GET "+api+"datasources/job/{rsid}/{ds}/{job}", s.getSourceJob)
}

// discovery answers GET /discovery/me: the caller's org with the companies
// of that org, or 200 with no companies (not the gateway's 403025) without
// an Analytics product profile; see the package doc.
func (s *Service) discovery(cl *call) {
	companies := []any{}
	if cl.acc.any() {
		for _, c := range s.companies {
			if c.OrgID == cl.acc.p.OrgID {
				companies = append(companies, map[string]string{"globalCompanyId": c.GlobalCompanyID, "companyName": c.Name,
					"apiRateLimitPolicy": c.RateLimitPolicy, "dpc": "pnw"})
			}
		}
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, map[string]any{
		"imsUserId": cl.acc.p.UserID,
		"imsOrgs":   []any{map[string]any{"imsOrgId": cl.acc.p.OrgID, "companies": companies}},
	})
}

func expansions(r *http.Request) map[string]bool {
	m := map[string]bool{}
	for _, e := range csv(r, "expansion") {
		m[e] = true
	}
	return m
}

func suiteJSON(su *suite, exp map[string]bool) map[string]any {
	m := map[string]any{"rsid": su.RSID, "id": su.RSID}
	if exp["name"] {
		m["name"] = su.Name
	}
	if exp["currency"] {
		m["currency"] = su.Currency
	}
	if exp["timezoneZoneinfo"] {
		m["timezoneZoneinfo"] = su.Timezone
	}
	if exp["parentRsid"] && su.ParentRSID != "" {
		m["parentRsid"] = su.ParentRSID
	}
	if exp["calendarType"] {
		m["calendarType"] = map[string]string{"rsid": su.RSID, "type": "GREGORIAN"}
	}
	return m
}

func (s *Service) listSuites(cl *call) {
	want := csv(cl.r, "rsids")
	contains := cl.r.URL.Query().Get("rsidContains")
	exp := expansions(cl.r)
	var items []any
	for _, su := range cl.c.suites {
		if !cl.acc.suite(su.RSID) || (len(want) > 0 && !slices.Contains(want, su.RSID)) || !strings.Contains(su.RSID, contains) {
			continue
		}
		item := suiteJSON(su, exp)
		// Collection items say what they are (the 2022 swagger's
		// SuiteCollectionItem: reportsuite or virtualreportsuite).
		item["collectionItemType"] = "reportsuite"
		items = append(items, item)
	}
	s.writePage(cl, items)
}

func (s *Service) visibleSuite(cl *call, rsid string) *suite {
	su := cl.c.suite(rsid)
	if su == nil || !cl.acc.suite(rsid) {
		return nil
	}
	return su
}

func (s *Service) getSuite(cl *call) {
	su := s.visibleSuite(cl, cl.r.PathValue("rsid"))
	if su == nil {
		s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Could not find the suite for the given id")
		return
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, suiteJSON(su, expansions(cl.r)))
}

func (s *Service) createSuite(cl *call) {
	if !cl.acc.tool(ToolReportSuiteMgmt) {
		s.writeErr(cl.w, http.StatusForbidden, "insufficient_access", "Report Suite Mgmt permission is required to create report suites")
		return
	}
	var body struct {
		Name         string `json:"name"`
		Timezone     string `json:"timezone"`
		CurrencyCode string `json:"currencyCode"`
	}
	if err := json.NewDecoder(cl.r.Body).Decode(&body); err != nil || body.Name == "" {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_json_input", "Bad Request - Unable to create Report Suite.")
		return
	}
	rsid := cl.r.PathValue("rsid")
	copyFrom := cl.r.URL.Query().Get("copySettingsFromRsid")
	if copyFrom != "" && s.visibleSuite(cl, copyFrom) == nil {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "Bad Request - Unable to create Report Suite.")
		return
	}
	if err := s.addSuiteLocked(cl.c.GlobalCompanyID, Suite{RSID: rsid, Name: body.Name, Currency: body.CurrencyCode, Timezone: body.Timezone}, copyFrom); err != nil {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "Bad Request - Unable to create Report Suite.")
		return
	}
	fakestate.WriteJSON(cl.w, http.StatusCreated, map[string]any{"rsid": rsid, "created": true, "axleActivated": false})
}

// suiteParam resolves ?rsid= for /dimensions and /metrics: 401 when the
// suite is not visible, as Adobe answers.
func (s *Service) suiteParam(cl *call) *suite {
	rsid := cl.r.URL.Query().Get("rsid")
	if rsid == "" {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "rsid is required")
		return nil
	}
	su := s.visibleSuite(cl, rsid)
	if su == nil {
		s.writeErr(cl.w, http.StatusUnauthorized, "unauthorized", "User does not have access to this report suite")
	}
	return su
}

func dimJSON(d Dimension, exp map[string]bool) map[string]any {
	m := map[string]any{"id": d.ID, "title": d.Name, "name": d.Name, "type": d.Type, "category": d.Category,
		"support": []string{"oberon", "dataWarehouse"}, "pathable": false, "segmentable": true, "reportable": []string{"oberon"}}
	if exp["allowedForReporting"] {
		m["allowedForReporting"] = true
	}
	if d.DataType == "" { // not an eVar: no eVar settings
		return m
	}
	if exp["dataType"] {
		m["dataType"] = d.DataType
	}
	if exp["allocationType"] {
		m["allocationType"] = d.AllocationType
	}
	if exp["expirationType"] {
		m["expirationType"] = d.ExpirationType
	}
	if exp["expirationCustomDays"] && d.ExpirationCustomDays != nil {
		m["expirationCustomDays"] = *d.ExpirationCustomDays
	}
	if exp["bindingEvents"] {
		m["bindingEvents"] = []string{}
	}
	if exp["attributionModel"] {
		m["attributionModel"] = map[string]any{"func": "allocation-lastTouch_dim"}
		m["ecomAllocationType"] = "last"
	}
	return m
}

func (s *Service) listDimensions(cl *call) {
	su := s.suiteParam(cl)
	if su == nil {
		return
	}
	exp := expansions(cl.r)
	out := []any{}
	for _, d := range su.dims {
		if cl.acc.dim(d) {
			out = append(out, dimJSON(d, exp))
		}
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, out)
}

func (s *Service) getDimension(cl *call) {
	su := s.suiteParam(cl)
	if su == nil {
		return
	}
	id := "variables/" + strings.TrimPrefix(cl.r.PathValue("id"), "variables/")
	i := slices.IndexFunc(su.dims, func(d Dimension) bool { return d.ID == id })
	switch {
	case i < 0:
		s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Dimension not found")
	case !cl.acc.dim(su.dims[i]):
		s.writeErr(cl.w, http.StatusUnauthorized, "unauthorized", "User Doesn't have sufficient privileges")
	default:
		fakestate.WriteJSON(cl.w, http.StatusOK, dimJSON(su.dims[i], expansions(cl.r)))
	}
}

func metricJSON(m Metric, exp map[string]bool) map[string]any {
	out := map[string]any{"id": m.ID, "title": m.Name, "name": m.Name, "type": m.Type, "category": m.Category,
		"support": []string{"oberon", "dataWarehouse"}, "allocation": true, "precision": 0, "calculated": false,
		"segmentable": true, "polarity": "positive"}
	if exp["allowedForReporting"] {
		out["allowedForReporting"] = true
	}
	return out
}

func (s *Service) listMetrics(cl *call) {
	su := s.suiteParam(cl)
	if su == nil {
		return
	}
	exp := expansions(cl.r)
	out := []any{}
	for _, m := range su.metrics {
		if cl.acc.metric(m) {
			out = append(out, metricJSON(m, exp))
		}
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, out)
}

func (s *Service) getMetric(cl *call) {
	su := s.suiteParam(cl)
	if su == nil {
		return
	}
	id := "metrics/" + strings.TrimPrefix(cl.r.PathValue("id"), "metrics/")
	i := slices.IndexFunc(su.metrics, func(m Metric) bool { return m.ID == id })
	switch {
	case i < 0:
		s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Metric not found")
	case !cl.acc.metric(su.metrics[i]):
		s.writeErr(cl.w, http.StatusForbidden, "invalid_metric_access", "User Doesn't have sufficient privileges")
	default:
		fakestate.WriteJSON(cl.w, http.StatusOK, metricJSON(su.metrics[i], expansions(cl.r)))
	}
}

// userJSON describes a principal as an Analytics user.
func (s *Service) userJSON(c *company, key string, login int) map[string]any {
	// Every AnalyticsUser field of the swagger is present, as in the
	// docs' users/me example; the fake keeps no phone, title or access
	// times, so those are empty strings and the company's creation time.
	m := map[string]any{"companyid": c.num, "loginId": login, "login": key, "imsUserId": key, "disabled": false, "changePassword": false,
		"createDate": c.created.UTC().Format(time.RFC3339), "lastAccess": c.created.UTC().Format(time.RFC3339),
		"phoneNumber": "", "title": ""}
	if u, ok := s.st.User(key); ok {
		m["email"], m["firstName"], m["lastName"], m["fullName"] = u.Email, u.FirstName, u.LastName, u.FirstName+" "+u.LastName
		return m
	}
	for _, cr := range s.st.Credentials(c.OrgID) {
		if cr.TechnicalAccountID == key || cr.ClientID == key {
			m["email"], m["firstName"], m["lastName"] = cr.TechnicalAccountEmail, cr.Name, "techacct.adobe.com"
			m["fullName"] = cr.Name + " techacct.adobe.com"
		}
	}
	return m
}

func (s *Service) me(cl *call) {
	login := s.loginID(cl.c, cl.acc.p)
	key := cl.acc.p.UserID
	if key == "" {
		key = cl.acc.p.ClientID
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, s.userJSON(cl.c, key, login))
}

func (s *Service) listUsers(cl *call) {
	s.loginID(cl.c, cl.acc.p)
	keys := make([]string, 0, len(cl.c.users))
	for k := range cl.c.users {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cl.c.users[a] - cl.c.users[b] })
	items := make([]any, len(keys))
	for i, k := range keys {
		items[i] = s.userJSON(cl.c, k, cl.c.users[k])
	}
	s.writePage(cl, items)
}

// readJSON decodes a request body of at most 1 MiB.
func readJSON(r *http.Request, v any) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
