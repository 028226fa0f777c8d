package fakeanalytics

import (
	"fmt"
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
	if d.values == nil {
		d.values = map[string]map[string]string{}
	}
	for _, row := range b.Data {
		v := d.values[row.Key]
		if v == nil {
			v = map[string]string{}
			d.values[row.Key] = v
			d.keys = append(d.keys, row.Key)
		}
		for col, val := range row.Data {
			v[col] = fmt.Sprint(val)
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
		JobName    string   `json:"jobName"`
		DataFormat string   `json:"dataFormat"`
		RowLimit   int      `json:"rowLimit"`
		Columns    []string `json:"columns"`
		Keys       []string `json:"keys"`
	}
	if err := readJSON(cl.r, &b); err != nil || b.JobName == "" {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_json_input", "jobName is required")
		return
	}
	if b.RowLimit < 0 || b.RowLimit >= 50000 {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_data", "the row limit should be less than 50,000")
		return
	}
	cols := b.Columns
	if len(cols) == 0 {
		for _, c := range d.Columns {
			cols = append(cols, c.Name)
		}
	}
	var rows [][]string
	for _, k := range d.keys {
		if len(b.Keys) > 0 && !slices.Contains(b.Keys, k) {
			continue
		}
		if b.RowLimit > 0 && len(rows) == b.RowLimit {
			break
		}
		row := []string{k}
		for _, c := range cols {
			row = append(row, d.values[k][c])
		}
		rows = append(rows, row)
	}
	j := s.newJob(cl, d, "export", b.JobName, len(rows))
	j.files = exportParts(b.DataFormat, cols, rows)
	fakestate.WriteJSON(cl.w, http.StatusOK, s.jobJSON(cl, j))
}

// ExportPartRows is how many rows the fake puts in one export file part.
const ExportPartRows = 1000

// exportParts renders an export as Adobe's classification data files
// (SAINT header, then Key and the columns), tab-separated (comma-separated
// for dataFormat "csv"), split into parts of ExportPartRows rows.
func exportParts(format string, cols []string, rows [][]string) []jobFile {
	sep, ext := "\t", "tsv"
	if strings.EqualFold(format, "csv") {
		sep, ext = ",", "csv"
	}
	var files []jobFile
	for i := 0; i == 0 || i < len(rows); i += ExportPartRows {
		var b strings.Builder
		b.WriteString("## SC" + sep + "SiteCatalyst SAINT Import File" + sep + "v:2.1\n")
		b.WriteString("## SC" + sep + "'## SC' indicates a SiteCatalyst pre-process header. Please do not remove these lines.\n")
		b.WriteString("## SC" + sep + "D:" + time.Now().UTC().Format("2006-01-02 15:04:05") + sep + "A:0:0\n\n")
		b.WriteString("Key" + sep + strings.Join(cols, sep) + "\n")
		for _, r := range rows[i:min(i+ExportPartRows, len(rows))] {
			b.WriteString(strings.Join(r, sep) + "\n")
		}
		files = append(files, jobFile{name: fmt.Sprintf("part%d.%s", len(files)+1, ext), data: []byte(b.String())})
	}
	return files
}

func (s *Service) exportJob(cl *call) *Job {
	id := cl.r.PathValue("job")
	for _, j := range cl.c.jobs {
		if j.ID == id && j.Kind == "export" {
			return j
		}
	}
	s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Cannot find job in the IMS ORG")
	return nil
}

// exportFileList answers {count, files} (AA20 classifications docs, "GET
// classification job file partition list").
func (s *Service) exportFileList(cl *call) {
	if !s.classTool(cl) {
		return
	}
	j := s.exportJob(cl)
	if j == nil {
		return
	}
	names := []string{}
	for _, f := range j.files {
		names = append(names, f.name)
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, map[string]any{"count": len(names), "files": names})
}

// exportFile answers the whole export (every part, the header once) or one
// part named by {file}, as text.
func (s *Service) exportFile(cl *call) {
	if !s.classTool(cl) {
		return
	}
	j := s.exportJob(cl)
	if j == nil {
		return
	}
	var out []byte
	if name := cl.r.PathValue("file"); name != "" {
		i := slices.IndexFunc(j.files, func(f jobFile) bool { return f.name == name })
		if i < 0 {
			s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Cannot find file "+name+" of job "+j.ID)
			return
		}
		out = j.files[i].data
	} else {
		for i, f := range j.files {
			data := f.data
			if i > 0 { // later parts without their header
				if _, rest, ok := strings.Cut(string(data), "\nKey"); ok {
					_, rows, _ := strings.Cut(rest, "\n")
					data = []byte(rows)
				}
			}
			out = append(out, data...)
		}
	}
	cl.w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	cl.w.WriteHeader(http.StatusOK)
	_, _ = cl.w.Write(out)
}

// template answers the import template of a set: the SAINT header and the
// Key and column row, tab- (format tsv, the default) or comma-separated
// (csv).
func (s *Service) template(cl *call) {
	if !s.classTool(cl) {
		return
	}
	d := s.dataset(cl, cl.r.PathValue("id"))
	if d == nil {
		return
	}
	format := cl.r.URL.Query().Get("format")
	if format != "" && format != "tsv" && format != "csv" {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "format must be tsv or csv")
		return
	}
	var cols []string
	for _, c := range d.Columns {
		cols = append(cols, c.Name)
	}
	cl.w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	cl.w.WriteHeader(http.StatusOK)
	_, _ = cl.w.Write(exportParts(format, cols, nil)[0].data)
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
