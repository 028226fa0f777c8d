package fakeanalytics

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

func (s *Service) sourceSuite(cl *call) bool {
	if !cl.acc.tool(ToolDataSources) {
		s.writeErr(cl.w, http.StatusForbidden, "insufficient_access", "Data Sources Manager permission is required")
		return false
	}
	if s.visibleSuite(cl, cl.r.PathValue("rsid")) == nil {
		s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Report suite not found")
		return false
	}
	return true
}

func sourceJSON(d *DataSource) map[string]any {
	return map[string]any{"data_source_id": d.ID, "name": d.Name, "email": d.Email, "type": d.Type,
		"date_created": d.Created.UTC().Format("2006-01-02 15:04:05"), "ftp_hostname": "ftp.omniture.com",
		"ftp_username": d.FTPUser, "ftp_password": d.FTPPasswd}
}

func (s *Service) listSources(cl *call) {
	if !s.sourceSuite(cl) {
		return
	}
	out := []any{}
	for _, d := range cl.c.sources {
		if d.RSID == cl.r.PathValue("rsid") {
			out = append(out, sourceJSON(d))
		}
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, out)
}

func (s *Service) createSource(cl *call) {
	if !s.sourceSuite(cl) {
		return
	}
	q := cl.r.URL.Query()
	typ, name, email := q.Get("type"), q.Get("name"), q.Get("email")
	if typ == "" {
		typ = "generic"
	}
	if name == "" || !strings.Contains(email, "@") {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "name and a valid email are required")
		return
	}
	id := s.newID()
	d := &DataSource{ID: id, RSID: cl.r.PathValue("rsid"), Name: name, Email: email, Type: typ, Created: time.Now(),
		FTPUser: cl.r.PathValue("rsid") + "_" + strconv.Itoa(id), FTPPasswd: s.st.RandString("abcdefghijkmnpqrstuvwxyz23456789", 8)}
	cl.c.sources = append(cl.c.sources, d)
	fakestate.WriteJSON(cl.w, http.StatusOK, sourceJSON(d))
}

func (s *Service) source(cl *call) *DataSource {
	id, err := strconv.Atoi(cl.r.PathValue("ds"))
	for _, d := range cl.c.sources {
		if err == nil && d.ID == id && d.RSID == cl.r.PathValue("rsid") {
			return d
		}
	}
	s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Data source not found")
	return nil
}

func (s *Service) getSource(cl *call) {
	if !s.sourceSuite(cl) {
		return
	}
	if d := s.source(cl); d != nil {
		fakestate.WriteJSON(cl.w, http.StatusOK, sourceJSON(d))
	}
}

func (s *Service) deleteSource(cl *call) {
	if !s.sourceSuite(cl) {
		return
	}
	d := s.source(cl)
	if d == nil {
		return
	}
	for i, x := range cl.c.sources {
		if x == d {
			cl.c.sources = append(cl.c.sources[:i], cl.c.sources[i+1:]...)
			break
		}
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, map[string]any{"success": true, "message": "Operation successful"})
}

func dsJobJSON(j DSJob) map[string]any {
	return map[string]any{"job_id": j.ID, "filename": j.Filename, "rows": j.Rows, "status": j.Status,
		"uploaded_date": j.Uploaded.UTC().Format("2006/01/02 15:04:05"), "started_processing_date": j.Uploaded.UTC().Format("2006/01/02 15:04:05"),
		"finished_processing_date": j.Uploaded.UTC().Format("2006/01/02 15:04:05")}
}

// listSourceJobs answers {page, jobs, total_pages}, pages of 10 from 1.
func (s *Service) listSourceJobs(cl *call) {
	if !s.sourceSuite(cl) {
		return
	}
	d := s.source(cl)
	if d == nil {
		return
	}
	page, ok := intParam(cl.r, "page", 1)
	if !ok || page == 0 {
		page = 1
	}
	const size = 10
	total := len(d.Jobs)
	pages := max(1, (total+size-1)/size)
	lo, hi := min((page-1)*size, total), min(page*size, total)
	jobs := []any{}
	for _, j := range d.Jobs[lo:hi] {
		jobs = append(jobs, dsJobJSON(j))
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, map[string]any{"page": page, "jobs": jobs, "total_pages": pages})
}

func (s *Service) uploadSourceJob(cl *call) {
	if !s.sourceSuite(cl) {
		return
	}
	d := s.source(cl)
	if d == nil {
		return
	}
	f, hdr, err := cl.r.FormFile("file")
	if err != nil {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_request", "a multipart file field \"file\" is required")
		return
	}
	defer f.Close()
	data, _ := io.ReadAll(io.LimitReader(f, 50<<20))
	sc := bufio.NewScanner(bytes.NewReader(data))
	var rows int64
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			if !strings.HasPrefix(strings.ToLower(line), "date\t") {
				s.writeErr(cl.w, http.StatusBadRequest, "invalid_data", "the first row must be a tab-delimited header starting with Date")
				return
			}
			continue
		}
		if strings.TrimSpace(line) != "" {
			rows++
		}
	}
	j := DSJob{ID: int64(s.newID()), Filename: hdr.Filename, Rows: rows, Status: "processed", Uploaded: time.Now()}
	d.Jobs = append(d.Jobs, j)
	fakestate.WriteJSON(cl.w, http.StatusOK, dsJobJSON(j))
}

func (s *Service) getSourceJob(cl *call) {
	if !s.sourceSuite(cl) {
		return
	}
	d := s.source(cl)
	if d == nil {
		return
	}
	id, _ := strconv.ParseInt(cl.r.PathValue("job"), 10, 64)
	for _, j := range d.Jobs {
		if j.ID == id {
			fakestate.WriteJSON(cl.w, http.StatusOK, dsJobJSON(j))
			return
		}
	}
	s.writeErr(cl.w, http.StatusNotFound, "resource_not_found", "Job not found")
}
