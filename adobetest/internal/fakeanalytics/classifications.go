package fakeanalytics

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

func (s *Service) classTool(cl *call) bool {
	if !cl.acc.tool(ToolClassifications) {
		s.writeErr(cl.w, http.StatusForbidden, "insufficient_access", "Classifications permission is required")
		return false
	}
	return true
}

func (s *Service) compatibility(cl *call) {
	if !s.classTool(cl) {
		return
	}
	rsid := cl.r.PathValue("rsid")
	if s.visibleSuite(cl, rsid) == nil {
		s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Report suite "+rsid+" not found in this organization")
		return
	}
	byDim := map[string][]string{}
	var order []string
	for _, d := range cl.c.datasets {
		for _, sub := range d.Subscriptions {
			if sub.RSID != rsid {
				continue
			}
			dim := strings.TrimPrefix(sub.Dimension, "variables/")
			if _, ok := byDim[dim]; !ok {
				order = append(order, dim)
			}
			byDim[dim] = append(byDim[dim], d.ID)
		}
	}
	metrics := []any{}
	for _, dim := range order {
		metrics = append(metrics, map[string]any{"id": []string{dim}, "datasets": byDim[dim]})
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, map[string]any{"report_suite_id": rsid, "metrics": metrics})
}

func (s *Service) dataset(cl *call, id string) *Dataset {
	for _, d := range cl.c.datasets {
		if d.ID == id {
			return d
		}
	}
	s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Dataset "+id+" not found")
	return nil
}

func (s *Service) datasetJSON(cl *call, d *Dataset) map[string]any {
	cols := []any{}
	for _, c := range d.Columns {
		cols = append(cols, map[string]string{"column_id": c.ID, "name": c.Name, "display_name": c.DisplayName, "type": c.Type})
	}
	subs := []any{}
	for _, sub := range d.Subscriptions {
		subs = append(subs, map[string]any{"rsid": sub.RSID, "dimension": sub.Dimension, "unique": !sub.NotUnique, "editable": cl.acc.suite(sub.RSID)})
	}
	m := map[string]any{"dataset_id": d.ID, "name": d.Name, "description": d.Description, "default_encoding": "utf8",
		"default_list_delimiter": ",", "columns": cols, "subscriptions": subs, "notifications": []any{},
		"ims_org_id": cl.c.OrgID, "last_modified_date": d.Modified.UTC().Format(time.RFC3339)}
	if d.Owner != nil {
		m["owner"] = map[string]string{"name": d.Owner.Name, "email": d.Owner.Email}
	}
	return m
}

func (s *Service) getDataset(cl *call) {
	if !s.classTool(cl) {
		return
	}
	if d := s.dataset(cl, cl.r.PathValue("id")); d != nil {
		fakestate.WriteJSON(cl.w, http.StatusOK, s.datasetJSON(cl, d))
	}
}

func (s *Service) putDataset(cl *call) {
	if !s.classTool(cl) {
		return
	}
	d := s.dataset(cl, cl.r.PathValue("id"))
	if d == nil {
		return
	}
	var b struct {
		Name        *string `json:"name"`
		Description *string `json:"description"`
		Columns     []struct {
			ColumnID    string `json:"column_id"`
			Name        string `json:"name"`
			DisplayName string `json:"display_name"`
			Type        string `json:"type"`
		} `json:"columns"`
		Subscriptions []struct {
			RSID      string `json:"rsid"`
			Dimension string `json:"dimension"`
			Unique    *bool  `json:"unique"`
		} `json:"subscriptions"`
	}
	if err := readJSON(cl.r, &b); err != nil {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_json_input", "the body is not a classification set")
		return
	}
	next := *d
	if b.Name != nil {
		next.Name = *b.Name
	}
	if b.Description != nil {
		next.Description = *b.Description
	}
	if b.Columns != nil {
		next.Columns = nil
		for _, c := range b.Columns {
			if c.Name == "" || c.DisplayName == "" {
				s.writeErr(cl.w, http.StatusBadRequest, "invalid_data", "columns need name and display_name")
				return
			}
			old := slices.IndexFunc(d.Columns, func(o Column) bool { return o.Name == c.Name })
			col := Column{ID: c.ColumnID, Name: c.Name, DisplayName: c.DisplayName, Type: c.Type}
			if old >= 0 {
				col.ID, col.Type = d.Columns[old].ID, d.Columns[old].Type // immutable
			}
			if col.ID == "" {
				col.ID = s.st.NewUUID()
			}
			if col.Type == "" {
				col.Type = "text"
			}
			next.Columns = append(next.Columns, col)
		}
	}
	if b.Subscriptions != nil {
		next.Subscriptions = nil
		for _, sub := range b.Subscriptions {
			if cl.c.suite(sub.RSID) == nil || !strings.HasPrefix(sub.Dimension, "variables/") || sub.Unique == nil {
				s.writeErr(cl.w, http.StatusBadRequest, "invalid_data", "subscription needs an existing rsid, a variables/ dimension and unique")
				return
			}
			next.Subscriptions = append(next.Subscriptions, Subscription{RSID: sub.RSID, Dimension: sub.Dimension, NotUnique: !*sub.Unique})
		}
	}
	next.Modified = time.Now()
	*d = next
	fakestate.WriteJSON(cl.w, http.StatusOK, s.datasetJSON(cl, d))
}

func (s *Service) newJob(cl *call, d *Dataset, kind, name string, lines int) *Job {
	j := &Job{ID: s.st.NewUUID(), DatasetID: d.ID, Name: name, Kind: kind, State: "completed", Lines: lines, Created: time.Now()}
	cl.c.jobs = append(cl.c.jobs, j)
	return j
}

func (s *Service) jobJSON(cl *call, j *Job) map[string]any {
	set := ""
	for _, d := range cl.c.datasets {
		if d.ID == j.DatasetID {
			set = d.Name
		}
	}
	return map[string]any{"jobId": j.ID, "datasetId": j.DatasetID, "setName": set, "name": j.Name, "state": j.State,
		"totalLines": j.Lines, "noeffectLines": 0, "jobSize": j.Lines * 32, "jobOptions": map[string]string{"type": j.Kind}}
}

func (s *Service) importJSON(cl *call) {
	if !s.classTool(cl) {
		return
	}
	d := s.dataset(cl, cl.r.PathValue("id"))
	if d == nil {
		return
	}
	var b struct {
		JobName string `json:"jobName"`
		Data    []struct {
			Key  string         `json:"key"`
			Data map[string]any `json:"data"`
		} `json:"data"`
	}
	if err := readJSON(cl.r, &b); err != nil || len(b.Data) == 0 {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_json_input", "jobName and data rows are required")
		return
	}
	for _, row := range b.Data {
		for col := range row.Data {
			if !slices.ContainsFunc(d.Columns, func(c Column) bool { return c.Name == col }) {
				s.writeErr(cl.w, http.StatusBadRequest, "invalid_data", "unknown column "+col)
				return
			}
		}
	}
	j := s.newJob(cl, d, "import", b.JobName, len(b.Data))
	// The spec declares no body for this answer; the fake's own shape.
	fakestate.WriteJSON(cl.w, http.StatusOK, map[string]any{"job_id": j.ID, "api_job_id": j.ID, "status": j.State})
}

func (s *Service) export(cl *call) {
	if !s.classTool(cl) {
		return
	}
	d := s.dataset(cl, cl.r.PathValue("id"))
	if d == nil {
		return
	}
	var b struct {
		JobName string `json:"jobName"`
	}
	if err := readJSON(cl.r, &b); err != nil || b.JobName == "" {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_json_input", "jobName is required")
		return
	}
	j := s.newJob(cl, d, "export", b.JobName, 0)
	fakestate.WriteJSON(cl.w, http.StatusOK, s.jobJSON(cl, j))
}

func (s *Service) getJob(cl *call) {
	if !s.classTool(cl) {
		return
	}
	id := cl.r.PathValue("job")
	for _, j := range cl.c.jobs {
		if j.ID == id {
			fakestate.WriteJSON(cl.w, http.StatusOK, s.jobJSON(cl, j))
			return
		}
	}
	s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Job "+id+" not found")
}

// jobsByDataset answers the classification job page shape: content, page,
// size, totalPages, totalElements, numberOfElements, first, last.
func (s *Service) jobsByDataset(cl *call) {
	if !s.classTool(cl) {
		return
	}
	d := s.dataset(cl, cl.r.PathValue("id"))
	if d == nil {
		return
	}
	size, ok1 := intParam(cl.r, "size", 10)
	page, ok2 := intParam(cl.r, "page", 0)
	if !ok1 || !ok2 || size == 0 {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "page and size must be non-negative integers (size > 0)")
		return
	}
	var all []any
	for _, j := range cl.c.jobs {
		if j.DatasetID == d.ID {
			all = append(all, s.jobJSON(cl, j))
		}
	}
	total := len(all)
	pages := (total + size - 1) / size
	lo, hi := min(page*size, total), min((page+1)*size, total)
	content := slices.Clone(all[lo:hi])
	if content == nil {
		content = []any{}
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, map[string]any{"content": content, "page": page, "size": size, "totalPages": pages,
		"totalElements": total, "numberOfElements": len(content), "first": page == 0, "last": page+1 >= pages})
}
