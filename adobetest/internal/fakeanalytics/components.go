package fakeanalytics

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// kind is a component service: segments or calculated metrics.
type kind struct {
	path, idPrefix, tool string
	cm                   bool
}

var (
	segments    = kind{path: "segments", idPrefix: "s", tool: ToolSegmentCreation}
	calcMetrics = kind{path: "calculatedmetrics", idPrefix: "cm", tool: ToolCalcMetricCreation, cm: true}
)

// defaultCalcMetricType is the type of a calculated metric created without
// one.
const defaultCalcMetricType = "DECIMAL"

func (c *company) list(k kind) *[]*Component {
	if k.cm {
		return &c.calcMetrics
	}
	return &c.segments
}

func (s *Service) componentJSON(cl *call, k kind, x *Component, exp map[string]bool) map[string]any {
	m := map[string]any{"id": x.ID, "name": x.Name, "description": x.Description, "rsid": x.RSID,
		"owner": map[string]any{"id": x.OwnerID}, "modified": x.Modified.UTC().Format(time.RFC3339), "created": x.Created.UTC().Format(time.RFC3339)}
	if exp["definition"] || k.cm { // calculated metrics always carry it (the spec requires it)
		m["definition"] = x.Definition
	}
	if exp["reportSuiteName"] {
		if su := cl.c.suite(x.RSID); su != nil {
			m["reportSuiteName"] = su.Name
		}
	}
	if k.cm {
		m["polarity"], m["precision"], m["type"] = x.Polarity, x.Precision, x.Type
	}
	return m
}

func (s *Service) listComponents(k kind) func(*call) {
	return func(cl *call) {
		me := s.loginID(cl.c, cl.acc.p)
		all := slices.Contains(csv(cl.r, "includeType"), "all")
		if all && !cl.c.admins[adminKey(cl.acc.p)] {
			what := "segments"
			if k.cm {
				what = "calculated metrics"
			}
			s.writeErr(cl.w, http.StatusForbidden, "insufficient_access", "Requesting non-shared "+what+" for other users is restricted to admin users")
			return
		}
		rsids := csv(cl.r, "rsids")
		name := strings.ToLower(cl.r.URL.Query().Get("name"))
		exp := expansions(cl.r)
		var items []any
		for _, x := range *cl.c.list(k) {
			if (!all && x.OwnerID != me) || (len(rsids) > 0 && !slices.Contains(rsids, x.RSID)) || !strings.Contains(strings.ToLower(x.Name), name) {
				continue
			}
			items = append(items, s.componentJSON(cl, k, x, exp))
		}
		s.writePage(cl, items)
	}
}

type componentBody struct {
	Name        *string         `json:"name"`
	Description *string         `json:"description"`
	RSID        *string         `json:"rsid"`
	Type        *string         `json:"type"`
	Polarity    *string         `json:"polarity"`
	Precision   *int            `json:"precision"`
	Definition  json.RawMessage `json:"definition"`
}

func (s *Service) createComponent(k kind) func(*call) {
	return func(cl *call) {
		if !cl.acc.tool(k.tool) {
			s.writeErr(cl.w, http.StatusForbidden, "insufficient_access", k.tool+" permission is required")
			return
		}
		var b componentBody
		if err := readJSON(cl.r, &b); err != nil || b.Name == nil || *b.Name == "" || b.RSID == nil || len(b.Definition) == 0 {
			s.writeErr(cl.w, http.StatusBadRequest, "invalid_json_input", "name, rsid and definition are required")
			return
		}
		if s.visibleSuite(cl, *b.RSID) == nil {
			s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "Invalid report suite id "+*b.RSID)
			return
		}
		now := time.Now()
		x := &Component{ID: fmt.Sprintf("%s%d_%s", k.idPrefix, cl.c.num, s.st.RandString("0123456789abcdef", 24)),
			Name: *b.Name, RSID: *b.RSID, OwnerID: s.loginID(cl.c, cl.acc.p), Definition: b.Definition,
			Created: now, Modified: now, Polarity: "positive"}
		if k.cm {
			// A calculated metric always has a format: DECIMAL unless the
			// create names one (the UI's default Format; the swagger's
			// type enum CURRENCY, TIME, DECIMAL, PERCENT).
			x.Type = defaultCalcMetricType
		}
		apply(x, b)
		*cl.c.list(k) = append(*cl.c.list(k), x)
		fakestate.WriteJSON(cl.w, http.StatusOK, s.componentJSON(cl, k, x, expansions(cl.r)))
	}
}

func apply(x *Component, b componentBody) {
	if b.Name != nil {
		x.Name = *b.Name
	}
	if b.Description != nil {
		x.Description = *b.Description
	}
	if b.RSID != nil {
		x.RSID = *b.RSID
	}
	if b.Type != nil && *b.Type != "" {
		x.Type = *b.Type
	}
	if b.Polarity != nil {
		x.Polarity = *b.Polarity
	}
	if b.Precision != nil {
		x.Precision = *b.Precision
	}
	if len(b.Definition) > 0 {
		x.Definition = b.Definition
	}
}

func (s *Service) find(cl *call, k kind) (*Component, int) {
	id := cl.r.PathValue("id")
	list := *cl.c.list(k)
	i := slices.IndexFunc(list, func(x *Component) bool { return x.ID == id })
	if i < 0 {
		s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Could not find "+k.path+" with id "+id)
		return nil, -1
	}
	return list[i], i
}

func (s *Service) getComponent(k kind) func(*call) {
	return func(cl *call) {
		if x, _ := s.find(cl, k); x != nil {
			fakestate.WriteJSON(cl.w, http.StatusOK, s.componentJSON(cl, k, x, expansions(cl.r)))
		}
	}
}

func (s *Service) owned(cl *call, x *Component) bool {
	me := s.loginID(cl.c, cl.acc.p)
	if x.OwnerID != me && !cl.c.admins[adminKey(cl.acc.p)] {
		s.writeErr(cl.w, http.StatusForbidden, "insufficient_access",
			fmt.Sprintf("No editing access to this item granted. Userid=%d does not match ownerid=%d", me, x.OwnerID))
		return false
	}
	return true
}

func (s *Service) updateComponent(k kind) func(*call) {
	return func(cl *call) {
		x, _ := s.find(cl, k)
		if x == nil || !s.owned(cl, x) {
			return
		}
		var b componentBody
		if err := readJSON(cl.r, &b); err != nil {
			s.writeErr(cl.w, http.StatusBadRequest, "invalid_json_input", "the body is not a JSON object")
			return
		}
		if b.RSID != nil && s.visibleSuite(cl, *b.RSID) == nil {
			s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "Invalid report suite id "+*b.RSID)
			return
		}
		apply(x, b)
		x.Modified = time.Now()
		fakestate.WriteJSON(cl.w, http.StatusOK, s.componentJSON(cl, k, x, expansions(cl.r)))
	}
}

func (s *Service) deleteComponent(k kind) func(*call) {
	return func(cl *call) {
		x, i := s.find(cl, k)
		if x == nil || !s.owned(cl, x) {
			return
		}
		*cl.c.list(k) = slices.Delete(*cl.c.list(k), i, i+1)
		if k.cm {
			fakestate.WriteJSON(cl.w, http.StatusOK, map[string]string{"result": "success", "message": "Calculated metric deleted"})
			return
		}
		fakestate.WriteJSON(cl.w, http.StatusOK, map[string]string{"status": "ok"})
	}
}

// validateComponent checks a definition against a suite without creating
// anything. It needs the component's creation permission. Segments take
// the bare definition as the body and the suite as ?rsid= (AA20
// segments/validate docs); calculated metrics take {rsid, definition}
// (AnalyticsCalculatedMetric).
func (s *Service) validateComponent(k kind) func(*call) {
	return func(cl *call) {
		if !cl.acc.tool(k.tool) {
			s.writeErr(cl.w, http.StatusForbidden, "insufficient_access", k.tool+" permission is required")
			return
		}
		var raw map[string]json.RawMessage
		if err := readJSON(cl.r, &raw); err != nil {
			s.writeErr(cl.w, http.StatusBadRequest, "invalid_json_input", "Bad JSON input; request not formatted correctly")
			return
		}
		rsid := cl.r.URL.Query().Get("rsid")
		def := raw
		if k.cm {
			var b struct {
				RSID       string                     `json:"rsid"`
				Definition map[string]json.RawMessage `json:"definition"`
			}
			_ = readRaw(raw, &b)
			if rsid == "" {
				rsid = b.RSID
			}
			def = b.Definition
		} else if _, wrapped := raw["definition"]; wrapped || raw["container"] == nil {
			s.writeErr(cl.w, http.StatusBadRequest, "invalid_json_input",
				"Bad JSON input; request not formatted correctly: the body must be the segment definition {\"func\":\"segment\",\"container\":...}")
			return
		}
		if s.visibleSuite(cl, rsid) == nil {
			s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "Invalid report suite id "+rsid)
			return
		}
		var fn string
		_ = json.Unmarshal(def["func"], &fn)
		want := "segment"
		if k.cm {
			want = "calc-metric"
		}
		valid := fn == want
		out := map[string]any{"valid": valid, "validator_version": "1.0.0", "supported_products": []string{"oberon", "dataWarehouse"},
			"supported_schema": []string{"schema_oberon", "schema_dataWarehouse"}, "supported_features": []string{}}
		if !valid {
			out["message"] = "definition func must be " + want
		}
		if k.cm {
			out["functions"] = []string{}
			out["identityMetrics"] = []any{}
		}
		fakestate.WriteJSON(cl.w, http.StatusOK, out)
	}
}

// readRaw decodes a decoded object's fields into v.
func readRaw(raw map[string]json.RawMessage, v any) error {
	b, err := json.Marshal(raw)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
