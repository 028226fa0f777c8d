package analytics

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
)

// DataSourcesService manages Data Sources accounts and their upload jobs.
type DataSourcesService service

// FlexID is an id Adobe sends as a JSON number in some answers and as a
// string in others; it decodes both and encodes as a number when it is
// one.
type FlexID string

// UnmarshalJSON accepts a JSON string or number.
func (f *FlexID) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*f = FlexID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("analytics: id %s is neither a string nor a number", b)
	}
	*f = FlexID(n.String())
	return nil
}

// MarshalJSON writes a number when the id is numeric.
func (f FlexID) MarshalJSON() ([]byte, error) {
	if _, err := strconv.ParseInt(string(f), 10, 64); err == nil {
		return []byte(f), nil
	}
	return json.Marshal(string(f))
}

// DataSourceAccount is a Data Sources account of a report suite, as Adobe
// returns it (ListAccounts, GetAccount, CreateAccount).
type DataSourceAccount struct {
	DataSourceID FlexID `json:"data_source_id"`
	Name         string `json:"name,omitempty"`
	Email        string `json:"email,omitempty"`
	Type         string `json:"type,omitempty"`
	DateCreated  string `json:"date_created,omitempty"`
	FTPHostname  string `json:"ftp_hostname,omitempty"`
	FTPUsername  string `json:"ftp_username,omitempty"`
	// FTPPassword is the password of the account's FTP upload location,
	// which Adobe returns in every answer. It never prints: fmt (every
	// verb), slog (text and JSON) and json.Marshal show "[REDACTED]";
	// read it with FTPPassword.Reveal(). It is decoded from Adobe's
	// answers; the SDK never sends it.
	FTPPassword auth.Secret `json:"ftp_password,omitempty"`
}

// String prints the account without its FTP password.
func (a DataSourceAccount) String() string {
	return fmt.Sprintf("{DataSourceID:%s Name:%q Email:%q Type:%q FTPHostname:%q FTPUsername:%q FTPPassword:%s}",
		a.DataSourceID, a.Name, a.Email, a.Type, a.FTPHostname, a.FTPUsername, a.FTPPassword)
}

// DataSourceAccountCreateRequest is a new account; Adobe takes it as query
// parameters.
type DataSourceAccountCreateRequest struct {
	// Type is the kind of data ("generic" when empty).
	Type  string `url:"type"`
	Name  string `url:"name"`
	Email string `url:"email"`
}

// ListAccounts returns the Data Sources accounts of a report suite (one
// plain array).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/account/{report_suite_id}
func (s *DataSourcesService) ListAccounts(ctx context.Context, rsid string, ropts ...adobe.RequestOption) ([]DataSourceAccount, *Response, error) {
	if err := required("rsid", rsid); err != nil {
		return nil, nil, err
	}
	path, err := s.client.companyPath("datasources/account/%s", rsid)
	if err != nil {
		return nil, nil, err
	}
	return listPage[DataSourceAccount](ctx, s.client, path, nil, ropts)
}

// ListAccountsIter iterates over the accounts ListAccounts returns.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/account/{report_suite_id}
func (s *DataSourcesService) ListAccountsIter(ctx context.Context, rsid string, ropts ...adobe.RequestOption) iter.Seq2[DataSourceAccount, error] {
	return func(yield func(DataSourceAccount, error) bool) {
		items, _, err := s.ListAccounts(ctx, rsid, ropts...)
		if err != nil {
			yield(DataSourceAccount{}, err)
			return
		}
		for _, a := range items {
			if !yield(a, nil) {
				return
			}
		}
	}
}

// GetAccount returns one Data Sources account.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/account/{report_suite_id}/{data_source_id}
func (s *DataSourcesService) GetAccount(ctx context.Context, rsid, dataSourceID string, ropts ...adobe.RequestOption) (*DataSourceAccount, *Response, error) {
	path, err := s.accountPath(rsid, dataSourceID)
	if err != nil {
		return nil, nil, err
	}
	var out DataSourceAccount
	resp, err := s.client.get(ctx, path, nil, &out, ropts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// CreateAccount creates a Data Sources account (not retried on 5xx; use
// EnsureAccount to converge on re-runs).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: POST /api/{globalCompanyId}/datasources/account/{report_suite_id}?type=&name=&email=
func (s *DataSourcesService) CreateAccount(ctx context.Context, rsid string, req DataSourceAccountCreateRequest, ropts ...adobe.RequestOption) (*DataSourceAccount, *Response, error) {
	if err := required("rsid", rsid); err != nil {
		return nil, nil, err
	}
	if err := required("Name", req.Name); err != nil {
		return nil, nil, err
	}
	if !strings.Contains(req.Email, "@") {
		return nil, nil, core.NewArgError("Email", "%q is not an e-mail address", req.Email)
	}
	if req.Type == "" {
		req.Type = "generic"
	}
	path, err := s.client.companyPath("datasources/account/%s", rsid)
	if err != nil {
		return nil, nil, err
	}
	q, err := encode(req)
	if err != nil {
		return nil, nil, err
	}
	var out DataSourceAccount
	resp, err := s.client.do(ctx, http.MethodPost, path, q, nil, &out, ropts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// EnsureAccount returns the Data Sources account of report suite rsid
// named req.Name, creating it when absent; created reports whether this
// call created it. Re-runs converge without duplicates: when the
// creation's answer is lost (a connection error), is a 5xx or a 400, it
// lists the accounts again before anything else and returns the account if
// it now exists; after a lost answer or a 5xx it retries the creation
// once. Adobe does not refuse a second account of the same name, so
// without this check a lost answer would leave two.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/account/{report_suite_id},
// then POST /api/{globalCompanyId}/datasources/account/{report_suite_id}?type=&name=&email=
// when absent (and the GET again after a failed or unanswered POST).
func (s *DataSourcesService) EnsureAccount(ctx context.Context, rsid string, req DataSourceAccountCreateRequest, ropts ...adobe.RequestOption) (acct *DataSourceAccount, created bool, err error) {
	if err := required("Name", req.Name); err != nil {
		return nil, false, err
	}
	if a, err := s.accountNamed(ctx, rsid, req.Name, ropts); err != nil || a != nil {
		return a, false, err
	}
	for attempt := 0; ; attempt++ {
		a, _, err := s.CreateAccount(ctx, rsid, req, ropts...)
		if err == nil {
			return a, true, nil
		}
		ambiguous := isAmbiguous(ctx, err)
		if !ambiguous && !isStatus(err, http.StatusBadRequest) {
			return nil, false, err
		}
		found, lerr := s.accountNamed(ctx, rsid, req.Name, ropts)
		if lerr != nil {
			return nil, false, errors.Join(err, lerr)
		}
		if found != nil {
			return found, ambiguous, nil
		}
		if ambiguous && attempt == 0 {
			continue
		}
		return nil, false, err
	}
}

// accountNamed returns the suite's account named name, or nil.
func (s *DataSourcesService) accountNamed(ctx context.Context, rsid, name string, ropts []adobe.RequestOption) (*DataSourceAccount, error) {
	all, _, err := s.ListAccounts(ctx, rsid, ropts...)
	if err != nil {
		return nil, err
	}
	for _, a := range all {
		if a.Name == name {
			return &a, nil
		}
	}
	return nil, nil
}

// DeleteAccount deletes a Data Sources account.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: DELETE /api/{globalCompanyId}/datasources/account/{report_suite_id}/{data_source_id}
func (s *DataSourcesService) DeleteAccount(ctx context.Context, rsid, dataSourceID string, ropts ...adobe.RequestOption) (*Response, error) {
	path, err := s.accountPath(rsid, dataSourceID)
	if err != nil {
		return nil, err
	}
	return s.client.do(ctx, http.MethodDelete, path, nil, nil, nil, ropts)
}

func (s *DataSourcesService) accountPath(rsid, dataSourceID string) (string, error) {
	if err := required("rsid", rsid); err != nil {
		return "", err
	}
	if err := required("dataSourceID", dataSourceID); err != nil {
		return "", err
	}
	return s.client.companyPath("datasources/account/%s/%s", rsid, dataSourceID)
}

// DataSourceJob is an upload job of a Data Sources account.
type DataSourceJob struct {
	JobID                  FlexID `json:"job_id"`
	Filename               string `json:"filename,omitempty"`
	Rows                   int64  `json:"rows,omitempty"`
	Status                 string `json:"status,omitempty"`
	UploadedDate           string `json:"uploaded_date,omitempty"`
	StartedProcessingDate  string `json:"started_processing_date,omitempty"`
	FinishedProcessingDate string `json:"finished_processing_date,omitempty"`
}

// DataSourceJobListOptions filters the jobs of an account. Page is 1-based
// in this API (its example answers page 1).
type DataSourceJobListOptions struct {
	Status    string `url:"status,omitempty"`
	StartDate string `url:"start_date,omitempty"`
	EndDate   string `url:"end_date,omitempty"`
	Page      int    `url:"page,omitempty"`
}

type dsJobPage struct {
	Page       *int            `json:"page"`
	Jobs       []DataSourceJob `json:"jobs"`
	TotalPages *int            `json:"total_pages"`
}

// ListJobs returns one page of an account's jobs.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/job/{report_suite_id}/{data_source_id}
func (s *DataSourcesService) ListJobs(ctx context.Context, rsid, dataSourceID string, opts *DataSourceJobListOptions, ropts ...adobe.RequestOption) ([]DataSourceJob, *Response, error) {
	path, q, err := s.jobsReq(rsid, dataSourceID, opts)
	if err != nil {
		return nil, nil, err
	}
	var p dsJobPage
	resp, err := s.client.get(ctx, path, q, &p, ropts)
	if err != nil {
		return nil, resp, err
	}
	if p.Page != nil && p.TotalPages != nil {
		resp.Page, resp.TotalPages, resp.LastPage = *p.Page, *p.TotalPages, *p.Page >= *p.TotalPages
	}
	return p.Jobs, resp, nil
}

// ListJobsIter iterates over every job of an account (pages from 1).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/job/{report_suite_id}/{data_source_id}
func (s *DataSourcesService) ListJobsIter(ctx context.Context, rsid, dataSourceID string, opts *DataSourceJobListOptions, ropts ...adobe.RequestOption) iter.Seq2[DataSourceJob, error] {
	path, q, err := s.jobsReq(rsid, dataSourceID, opts)
	if err != nil {
		return errSeq[DataSourceJob](err)
	}
	start := max(1, opts0(opts).Page)
	return core.Iterate(ctx, start, func(ctx context.Context, n int) (core.Page[DataSourceJob], error) {
		qq := cloneValues(q)
		qq.Set("page", strconv.Itoa(n))
		var p dsJobPage
		if _, err := s.client.get(ctx, path, qq, &p, ropts); err != nil {
			return core.Page[DataSourceJob]{}, err
		}
		out := core.Page[DataSourceJob]{Items: p.Jobs, Number: n, TotalPages: -1, Last: len(p.Jobs) == 0, Fingerprint: fingerprint(p.Jobs)}
		if p.TotalPages != nil {
			out.Last = n >= *p.TotalPages
		}
		return out, nil
	})
}

func opts0(o *DataSourceJobListOptions) DataSourceJobListOptions {
	if o == nil {
		return DataSourceJobListOptions{}
	}
	return *o
}

func (s *DataSourcesService) jobsReq(rsid, dataSourceID string, opts *DataSourceJobListOptions) (string, url.Values, error) {
	if err := required("rsid", rsid); err != nil {
		return "", nil, err
	}
	if err := required("dataSourceID", dataSourceID); err != nil {
		return "", nil, err
	}
	path, err := s.client.companyPath("datasources/job/%s/%s", rsid, dataSourceID)
	if err != nil {
		return "", nil, err
	}
	o := opts0(opts)
	q, err := encode(&o)
	return path, q, err
}

// GetJob returns one upload job.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/job/{report_suite_id}/{data_source_id}/{job_id}
func (s *DataSourcesService) GetJob(ctx context.Context, rsid, dataSourceID, jobID string, ropts ...adobe.RequestOption) (*DataSourceJob, *Response, error) {
	if err := required("jobID", jobID); err != nil {
		return nil, nil, err
	}
	if err := required("rsid", rsid); err != nil {
		return nil, nil, err
	}
	if err := required("dataSourceID", dataSourceID); err != nil {
		return nil, nil, err
	}
	path, err := s.client.companyPath("datasources/job/%s/%s/%s", rsid, dataSourceID, jobID)
	if err != nil {
		return nil, nil, err
	}
	var out DataSourceJob
	resp, err := s.client.get(ctx, path, nil, &out, ropts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// UploadJob uploads a tab-delimited Data Sources file (header row "Date",
// then eVars and events, e.g. "Date\tEvar 1\tEvent 1") as a new job. It is
// not retried on 5xx: an upload that was applied would be counted twice.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: POST /api/{globalCompanyId}/datasources/job/{report_suite_id}/{data_source_id} (multipart "file")
func (s *DataSourcesService) UploadJob(ctx context.Context, rsid, dataSourceID, filename string, data []byte, ropts ...adobe.RequestOption) (*DataSourceJob, *Response, error) {
	if err := required("rsid", rsid); err != nil {
		return nil, nil, err
	}
	if err := required("dataSourceID", dataSourceID); err != nil {
		return nil, nil, err
	}
	if err := required("filename", filename); err != nil {
		return nil, nil, err
	}
	if first, _, _ := bytes.Cut(data, []byte("\n")); !bytes.HasPrefix(bytes.ToLower(first), []byte("date\t")) {
		return nil, nil, core.NewArgError("data", "must be tab-delimited with a header row starting with \"Date\\t\"")
	}
	path, err := s.client.companyPath("datasources/job/%s/%s", rsid, dataSourceID)
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		return nil, nil, err
	}
	_, _ = fw.Write(data)
	if err := mw.Close(); err != nil {
		return nil, nil, err
	}
	var out DataSourceJob
	r, err := s.client.core.Call(ctx, core.Request{Method: http.MethodPost, Path: path, Body: buf.Bytes(), ContentType: mw.FormDataContentType()}, &out, ropts...)
	resp := newResponse(r)
	if err != nil {
		return nil, resp, classify(err)
	}
	return &out, resp, nil
}
