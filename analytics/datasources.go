package analytics

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
)

// DataSourcesService manages Data Sources accounts and their upload jobs.
type DataSourcesService service

// flexID is an id Adobe sends as a JSON number in some answers and as a
// string in others; it decodes both into its text.
type flexID string

// UnmarshalJSON accepts a JSON string or number.
func (f *flexID) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*f = flexID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("analytics: id %s is neither a string nor a number", clip(string(b)))
	}
	*f = flexID(n.String())
	return nil
}

// DataSourceAccount is a Data Sources account of a report suite, as Adobe
// returns it (ListAccounts, GetAccount, CreateAccount).
type DataSourceAccount struct {
	// DataSourceID is the account's id (Adobe sends a number or a string;
	// both decode).
	DataSourceID string `json:"data_source_id"`
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

// UnmarshalJSON decodes an account whose id is a JSON number or string.
func (a *DataSourceAccount) UnmarshalJSON(b []byte) error {
	type plain DataSourceAccount
	var w struct {
		plain
		DataSourceID flexID `json:"data_source_id"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*a = DataSourceAccount(w.plain)
	a.DataSourceID = string(w.DataSourceID)
	return nil
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

// validate checks the account's fields against Adobe's rules; several
// faults are joined.
func (r DataSourceAccountCreateRequest) validate() error {
	errs := []error{checkText("Name", r.Name, true, maxNameLen), checkEmail("Email", r.Email)}
	if r.Type != "" && !dataSourceTypeRe.MatchString(r.Type) {
		errs = append(errs, core.NewArgError("Type", "%q is not a data source type such as \"generic\" (lower-case letters, digits and '_')", clip(r.Type)))
	}
	return errors.Join(errs...)
}

// ListAccounts returns the Data Sources accounts of a report suite (one
// plain array).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/account/{report_suite_id}
func (s *DataSourcesService) ListAccounts(ctx context.Context, rsid string, reqOpts ...adobe.RequestOption) ([]DataSourceAccount, *adobe.Response, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, nil, err
	}
	path, err := s.client.companyPath("datasources/account/%s", rsid)
	if err != nil {
		return nil, nil, err
	}
	return listPage[DataSourceAccount](ctx, s.client, path, nil, reqOpts)
}

// ListAccountsIter iterates over the accounts ListAccounts returns.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/account/{report_suite_id}
func (s *DataSourcesService) ListAccountsIter(ctx context.Context, rsid string, reqOpts ...adobe.RequestOption) iter.Seq2[DataSourceAccount, error] {
	return func(yield func(DataSourceAccount, error) bool) {
		items, _, err := s.ListAccounts(ctx, rsid, reqOpts...)
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
func (s *DataSourcesService) GetAccount(ctx context.Context, rsid, dataSourceID string, reqOpts ...adobe.RequestOption) (*DataSourceAccount, *adobe.Response, error) {
	path, err := s.accountPath(rsid, dataSourceID)
	if err != nil {
		return nil, nil, err
	}
	var out DataSourceAccount
	resp, err := s.client.get(ctx, path, nil, &out, reqOpts)
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
func (s *DataSourcesService) CreateAccount(ctx context.Context, rsid string, req DataSourceAccountCreateRequest, reqOpts ...adobe.RequestOption) (*DataSourceAccount, *adobe.Response, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, nil, err
	}
	if err := req.validate(); err != nil {
		return nil, nil, err
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
	resp, err := s.client.do(ctx, http.MethodPost, path, q, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// EnsureAccount returns the Data Sources account of report suite rsid
// named req.Name, creating it when absent; the result's Created says
// whether this call created it, and Changes lists the creation. Re-runs
// converge without duplicates (Adobe does not refuse a second account of
// the same name, so without these checks a lost answer would leave two):
//
//   - the lookup comes first; a lookup that fails (an error answer, no
//     answer, or a 2xx body that cannot be read) is returned as an error,
//     never read as "absent";
//   - when the creation's answer is lost (a connection error), is a 5xx,
//     a 2xx whose body cannot be read (*adobe.ResponseError) or a 400, it
//     lists the accounts again before anything else and returns the
//     account if it now exists; after a lost, 5xx or unreadable answer it
//     retries the creation once;
//   - concurrent EnsureAccounts of one name and suite on one Client run one
//     after the other, so they never both create; across processes nothing
//     is serialized.
//
// Invalid fields of req are an *adobe.ArgError before any request.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/account/{report_suite_id},
// then POST /api/{globalCompanyId}/datasources/account/{report_suite_id}?type=&name=&email=
// when absent (and the GET again after a failed or unanswered POST).
func (s *DataSourcesService) EnsureAccount(ctx context.Context, rsid string, req DataSourceAccountCreateRequest, reqOpts ...adobe.RequestOption) (*adobe.Ensured[DataSourceAccount], error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, err
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	if s.client.company == "" {
		return nil, errNoCompany
	}
	unlock, err := s.client.locks.Lock(ctx, "datasource\x00"+s.client.company+"\x00"+rsid+"\x00"+req.Name)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if a, err := s.accountNamed(ctx, rsid, req.Name, reqOpts); err != nil || a != nil {
		if err != nil {
			return nil, err
		}
		return &adobe.Ensured[DataSourceAccount]{Value: *a}, nil
	}
	made := func(a DataSourceAccount, how string) *adobe.Ensured[DataSourceAccount] {
		e := &adobe.Ensured[DataSourceAccount]{Value: a, Created: true}
		e.Record(fmt.Sprintf("created data source account %q in %s%s", req.Name, rsid, how),
			http.MethodPost, "/api/"+s.client.company+"/datasources/account/"+rsid)
		return e
	}
	for attempt := 0; ; attempt++ {
		a, _, err := s.CreateAccount(ctx, rsid, req, reqOpts...)
		if err == nil {
			return made(*a, ""), nil
		}
		ambiguous := isAmbiguous(ctx, err)
		if !ambiguous && !isStatus(err, http.StatusBadRequest) {
			return nil, err
		}
		found, lerr := s.accountNamed(ctx, rsid, req.Name, reqOpts)
		if lerr != nil {
			return nil, errors.Join(err, lerr)
		}
		if found != nil {
			if ambiguous {
				return made(*found, " (its answer was lost; found by lookup)"), nil
			}
			return &adobe.Ensured[DataSourceAccount]{Value: *found}, nil
		}
		if ambiguous && attempt == 0 {
			continue
		}
		return nil, err
	}
}

// accountNamed returns the suite's account named name, or nil.
func (s *DataSourcesService) accountNamed(ctx context.Context, rsid, name string, reqOpts []adobe.RequestOption) (*DataSourceAccount, error) {
	all, _, err := s.ListAccounts(ctx, rsid, reqOpts...)
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
func (s *DataSourcesService) DeleteAccount(ctx context.Context, rsid, dataSourceID string, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	path, err := s.accountPath(rsid, dataSourceID)
	if err != nil {
		return nil, err
	}
	return s.client.do(ctx, http.MethodDelete, path, nil, nil, nil, reqOpts)
}

func (s *DataSourcesService) accountPath(rsid, dataSourceID string) (string, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return "", err
	}
	if err := checkID("dataSourceID", dataSourceID); err != nil {
		return "", err
	}
	return s.client.companyPath("datasources/account/%s/%s", rsid, dataSourceID)
}

// DataSourceJob is an upload job of a Data Sources account.
type DataSourceJob struct {
	// JobID is the job's id (Adobe sends a number or a string; both
	// decode).
	JobID                  string `json:"job_id"`
	Filename               string `json:"filename,omitempty"`
	Rows                   int64  `json:"rows,omitempty"`
	Status                 string `json:"status,omitempty"`
	UploadedDate           string `json:"uploaded_date,omitempty"`
	StartedProcessingDate  string `json:"started_processing_date,omitempty"`
	FinishedProcessingDate string `json:"finished_processing_date,omitempty"`
}

// UnmarshalJSON decodes a job whose id is a JSON number or string.
func (j *DataSourceJob) UnmarshalJSON(b []byte) error {
	type plain DataSourceJob
	var w struct {
		plain
		JobID flexID `json:"job_id"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*j = DataSourceJob(w.plain)
	j.JobID = string(w.JobID)
	return nil
}

// DataSourceJobListOptions filters the jobs of an account. Page is 1-based
// in this API (its example answers page 1).
type DataSourceJobListOptions struct {
	Status    string `url:"status,omitempty"`
	StartDate string `url:"start_date,omitempty"`
	EndDate   string `url:"end_date,omitempty"`
	Page      int    `url:"page,omitempty"`
}

// validate refuses a negative page and malformed dates.
func (o *DataSourceJobListOptions) validate() error {
	if o == nil {
		return nil
	}
	for _, d := range []struct{ name, v string }{{"StartDate", o.StartDate}, {"EndDate", o.EndDate}, {"Status", o.Status}} {
		if err := checkText(d.name, d.v, false, 64); err != nil {
			return err
		}
	}
	return checkNonNegative("Page", o.Page)
}

type dsJobPage struct {
	Page       *int            `json:"page"`
	Jobs       []DataSourceJob `json:"jobs"`
	TotalPages *int            `json:"total_pages"`
}

// ListJobs returns one page of an account's jobs. This API counts pages
// from 1, and so does resp.Page.Number (as [adobe.PageInfo] documents).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/job/{report_suite_id}/{data_source_id}
func (s *DataSourcesService) ListJobs(ctx context.Context, rsid, dataSourceID string, opts *DataSourceJobListOptions, reqOpts ...adobe.RequestOption) ([]DataSourceJob, *adobe.Response, error) {
	path, q, err := s.jobsReq(rsid, dataSourceID, opts)
	if err != nil {
		return nil, nil, err
	}
	p, resp, err := s.jobPage(ctx, path, q, 0, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return p.Items, resp, nil
}

// ListJobsIter iterates over every job of an account (pages from 1).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/data-sources/
//
// API: GET /api/{globalCompanyId}/datasources/job/{report_suite_id}/{data_source_id}
func (s *DataSourcesService) ListJobsIter(ctx context.Context, rsid, dataSourceID string, opts *DataSourceJobListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[DataSourceJob, error] {
	path, q, err := s.jobsReq(rsid, dataSourceID, opts)
	if err != nil {
		return errSeq[DataSourceJob](err)
	}
	start := max(1, opts0(opts).Page)
	return core.Iterate(ctx, start, func(ctx context.Context, n int) (core.Page[DataSourceJob], error) {
		qq := cloneValues(q)
		qq.Set("page", strconv.Itoa(n))
		p, _, err := s.jobPage(ctx, path, qq, n, reqOpts)
		return p, err
	})
}

// jobPage fetches and decodes one page of jobs (1-based; n is the page
// asked for, 0 when none was).
func (s *DataSourcesService) jobPage(ctx context.Context, path string, q url.Values, n int, reqOpts []adobe.RequestOption) (core.Page[DataSourceJob], *adobe.Response, error) {
	raw, resp, err := s.client.getRaw(ctx, path, q, reqOpts)
	if err != nil {
		return core.Page[DataSourceJob]{}, resp, err
	}
	p, info, err := decodeJobPage(raw, n)
	if err != nil {
		return p, resp, s.client.responseError(http.MethodGet, path, resp, err)
	}
	resp.Page = info
	return p, resp, nil
}

// decodeJobPage decodes a Data Sources job page ({"page","jobs",
// "total_pages"}, 1-based) once, fingerprinting the bytes received.
func decodeJobPage(raw []byte, n int) (core.Page[DataSourceJob], *adobe.PageInfo, error) {
	out := core.Page[DataSourceJob]{Number: n, TotalPages: -1, Fingerprint: sha256.Sum256(raw)}
	var p dsJobPage
	if len(bytes.TrimSpace(raw)) == 0 {
		return out, nil, fmt.Errorf("decoding job page: empty body: %w", io.ErrUnexpectedEOF)
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return out, nil, fmt.Errorf("decoding job page: %w", err)
	}
	out.Items = p.Jobs
	info := &adobe.PageInfo{Number: n, Size: -1, TotalPages: -1, TotalItems: -1}
	if p.Page != nil {
		info.Number = *p.Page
	}
	out.Last = len(p.Jobs) == 0
	if p.TotalPages != nil {
		info.TotalPages = *p.TotalPages
		out.Last = info.Number >= *p.TotalPages
	}
	info.Last = out.Last
	return out, info, nil
}

func opts0(o *DataSourceJobListOptions) DataSourceJobListOptions {
	if o == nil {
		return DataSourceJobListOptions{}
	}
	return *o
}

func (s *DataSourcesService) jobsReq(rsid, dataSourceID string, opts *DataSourceJobListOptions) (string, url.Values, error) {
	if err := checkRSID("rsid", rsid); err != nil {
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
func (s *DataSourcesService) GetJob(ctx context.Context, rsid, dataSourceID, jobID string, reqOpts ...adobe.RequestOption) (*DataSourceJob, *adobe.Response, error) {
	if err := required("jobID", jobID); err != nil {
		return nil, nil, err
	}
	if err := checkRSID("rsid", rsid); err != nil {
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
	resp, err := s.client.get(ctx, path, nil, &out, reqOpts)
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
func (s *DataSourcesService) UploadJob(ctx context.Context, rsid, dataSourceID, filename string, data []byte, reqOpts ...adobe.RequestOption) (*DataSourceJob, *adobe.Response, error) {
	if err := checkRSID("rsid", rsid); err != nil {
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
	r, err := s.client.core.Call(ctx, core.Request{Method: http.MethodPost, Path: path, Body: buf.Bytes(), ContentType: mw.FormDataContentType()}, &out, reqOpts...)
	if err != nil {
		return nil, r, classify(err)
	}
	return &out, r, nil
}
