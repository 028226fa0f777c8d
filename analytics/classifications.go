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
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// ClassificationsService reads and updates classification sets (datasets)
// and runs their import and export jobs. No API creates a classification
// set: that is done in the Analytics UI (Components > Classification sets).
// The path prefix is set with [WithClassificationPrefix].
//
// Covered: compatible datasets per suite, dataset get and update, the
// import template, JSON import, export with its file listing and
// downloads, jobs. Not covered: deleting a dataset, and the three-step
// file import (createApiJob, uploadFile, commitApiJob) — use JSON import
// (up to 50 MB) instead.
type ClassificationsService service

// CompatibleDatasets is the answer of Datasets: which classification sets
// each dimension of a report suite has.
type CompatibleDatasets struct {
	ReportSuiteID string                `json:"report_suite_id"`
	Metrics       []DimensionClassified `json:"metrics"`
}

// DimensionClassified lists the datasets of one dimension (ids such as
// "evar5").
type DimensionClassified struct {
	ID       []string `json:"id"`
	Datasets []string `json:"datasets"`
}

// DatasetsFor returns the dataset ids that classify dimension dim ("evar5"
// or "variables/evar5").
func (c *CompatibleDatasets) DatasetsFor(dim string) []string {
	dim = strings.TrimPrefix(dim, "variables/")
	var out []string
	for _, m := range c.Metrics {
		for _, id := range m.ID {
			if strings.EqualFold(strings.TrimPrefix(id, "variables/"), dim) {
				out = append(out, m.Datasets...)
			}
		}
	}
	return out
}

// Dataset is a classification set (ApiClassificationSet).
type Dataset struct {
	DatasetID            string                   `json:"dataset_id,omitempty"`
	Name                 string                   `json:"name,omitempty"`
	Description          string                   `json:"description,omitempty"`
	DefaultListDelimiter string                   `json:"default_list_delimiter,omitempty"`
	DefaultEncoding      string                   `json:"default_encoding,omitempty"`
	Columns              []ClassificationColumn   `json:"columns,omitempty"`
	Subscriptions        []DatasetSubscription    `json:"subscriptions,omitempty"`
	Notifications        []ClassificationNotifier `json:"notifications,omitempty"`
	IMSOrgID             string                   `json:"ims_org_id,omitempty"`
	Owner                *DatasetOwner            `json:"owner,omitempty"`
	LastModifiedDate     string                   `json:"last_modified_date,omitempty"`
}

// ClassificationColumn is one column of a classification set.
type ClassificationColumn struct {
	ColumnID     string `json:"column_id,omitempty"`
	Name         string `json:"name"`
	DisplayName  string `json:"display_name"`
	Type         string `json:"type,omitempty"` // text, integer, float, list[string]
	ClassifiedBy string `json:"classified_by,omitempty"`
}

// DatasetSubscription subscribes a report suite dimension to a set.
type DatasetSubscription struct {
	RSID      string `json:"rsid"`
	Dimension string `json:"dimension"` // "variables/evar7"
	// Unique is sent as is by UpdateDataset (Adobe requires it: "force
	// update of unique_hash to avoid duplicate subscriptions"). Adobe's
	// sets answer true; set it to true when building a subscription by
	// hand, since the zero value sends false.
	Unique bool `json:"unique"`
	// Editable is read-only: whether the caller may edit the subscription.
	Editable bool `json:"editable,omitempty"`
}

// ClassificationNotifier is a job notification.
type ClassificationNotifier struct {
	Method     string   `json:"method,omitempty"` // email
	State      string   `json:"state,omitempty"`  // e.g. completed
	Recipients []string `json:"recipients,omitempty"`
}

// DatasetOwner is the contact of a set.
type DatasetOwner struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// Subscribes reports whether the set is subscribed to dimension dim
// ("variables/evarN" or "evarN") of report suite rsid.
func (d *Dataset) Subscribes(rsid, dim string) bool {
	dim = strings.TrimPrefix(dim, "variables/")
	for _, s := range d.Subscriptions {
		if s.RSID == rsid && strings.EqualFold(strings.TrimPrefix(s.Dimension, "variables/"), dim) {
			return true
		}
	}
	return false
}

func (s *ClassificationsService) path(format string, args ...any) (string, error) {
	return s.client.companyPath(s.client.classPrefix+"/"+format, args...)
}

// Datasets returns the classification sets of each dimension of a report
// suite. A 403 means the credential lacks the Classifications permission.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/datasets/compatibilityMetrics/{rsid}
func (s *ClassificationsService) Datasets(ctx context.Context, rsid string, reqOpts ...adobe.RequestOption) (*CompatibleDatasets, *adobe.Response, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, nil, err
	}
	path, err := s.path("datasets/compatibilityMetrics/%s", rsid)
	if err != nil {
		return nil, nil, err
	}
	var out CompatibleDatasets
	resp, err := s.client.get(ctx, path, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// GetDataset returns one classification set.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/datasets/{dataset_id}
func (s *ClassificationsService) GetDataset(ctx context.Context, datasetID string, reqOpts ...adobe.RequestOption) (*Dataset, *adobe.Response, error) {
	if err := required("datasetID", datasetID); err != nil {
		return nil, nil, err
	}
	path, err := s.path("datasets/%s", datasetID)
	if err != nil {
		return nil, nil, err
	}
	var out Dataset
	resp, err := s.client.get(ctx, path, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// UpdateDataset replaces a classification set's definition (name,
// columns, subscriptions, ...). Send the whole set as read by GetDataset
// with the changes applied.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: PUT /api/{globalCompanyId}/classifications/datasets/{dataset_id}
func (s *ClassificationsService) UpdateDataset(ctx context.Context, datasetID string, d Dataset, reqOpts ...adobe.RequestOption) (*Dataset, *adobe.Response, error) {
	if err := required("datasetID", datasetID); err != nil {
		return nil, nil, err
	}
	for i, c := range d.Columns {
		if c.Name == "" || c.DisplayName == "" {
			return nil, nil, core.NewArgError("Columns["+strconv.Itoa(i)+"]", "name and display_name are required")
		}
	}
	for i, sub := range d.Subscriptions {
		if sub.RSID == "" || !strings.HasPrefix(sub.Dimension, "variables/") {
			return nil, nil, core.NewArgError("Subscriptions["+strconv.Itoa(i)+"]", "needs an rsid and a dimension like \"variables/evar7\"")
		}
	}
	path, err := s.path("datasets/%s", datasetID)
	if err != nil {
		return nil, nil, err
	}
	var out Dataset
	resp, err := s.client.do(ctx, http.MethodPut, path, nil, datasetWrite(d), &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// datasetWrite is the PUT body: the set without its read-only fields
// (dataset_id, ims_org_id, last_modified_date, column_id, editable), which
// the spec forbids in requests. Columns are matched by name.
func datasetWrite(d Dataset) any {
	type col struct {
		Name         string `json:"name"`
		DisplayName  string `json:"display_name"`
		Type         string `json:"type,omitempty"`
		ClassifiedBy string `json:"classified_by,omitempty"`
	}
	type sub struct {
		RSID      string `json:"rsid"`
		Dimension string `json:"dimension"`
		Unique    bool   `json:"unique"`
	}
	w := struct {
		Name                 string                   `json:"name,omitempty"`
		Description          string                   `json:"description,omitempty"`
		DefaultListDelimiter string                   `json:"default_list_delimiter,omitempty"`
		DefaultEncoding      string                   `json:"default_encoding,omitempty"`
		Columns              []col                    `json:"columns,omitempty"`
		Subscriptions        []sub                    `json:"subscriptions,omitempty"`
		Notifications        []ClassificationNotifier `json:"notifications,omitempty"`
		Owner                *DatasetOwner            `json:"owner,omitempty"`
	}{Name: d.Name, Description: d.Description, DefaultListDelimiter: d.DefaultListDelimiter, DefaultEncoding: d.DefaultEncoding,
		Notifications: d.Notifications, Owner: d.Owner}
	for _, c := range d.Columns {
		w.Columns = append(w.Columns, col{c.Name, c.DisplayName, c.Type, c.ClassifiedBy})
	}
	for _, s := range d.Subscriptions {
		w.Subscriptions = append(w.Subscriptions, sub{s.RSID, s.Dimension, s.Unique})
	}
	return w
}

// ImportRow is one row of a JSON import: the key (the dimension value) and
// its classification columns.
type ImportRow struct {
	Key    string            `json:"key"`
	Action string            `json:"action,omitempty"`
	Data   map[string]string `json:"data"`
}

// ImportRequest is a JSON classification import (at most 50 MB).
type ImportRequest struct {
	JobName       string                   `json:"jobName"`
	DataFormat    string                   `json:"dataFormat"` // "json"; set when empty
	Encoding      string                   `json:"encoding,omitempty"`
	ListDelimiter string                   `json:"listDelimiter,omitempty"`
	Source        string                   `json:"source,omitempty"`
	Notifications []ClassificationNotifier `json:"notifications,omitempty"`
	Data          []ImportRow              `json:"data"`
}

// ImportJob is the answer of an import.
type ImportJob struct {
	JobID  string          `json:"job_id,omitempty"`
	APIJob string          `json:"api_job_id,omitempty"`
	Raw    json.RawMessage `json:"-"`
}

// ImportJSON starts a JSON import job into a classification set. It is a
// POST that creates a job and is not retried on 5xx. A 2xx answer without
// a readable job is an *adobe.ResponseError: the job may have started.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: POST /api/{globalCompanyId}/classifications/job/import/json/{dataset_id}
func (s *ClassificationsService) ImportJSON(ctx context.Context, datasetID string, req ImportRequest, reqOpts ...adobe.RequestOption) (*ImportJob, *adobe.Response, error) {
	if err := required("datasetID", datasetID); err != nil {
		return nil, nil, err
	}
	if err := required("JobName", req.JobName); err != nil {
		return nil, nil, err
	}
	if len(req.Data) == 0 {
		return nil, nil, core.NewArgError("Data", "has no rows")
	}
	if req.DataFormat == "" {
		req.DataFormat = "json"
	}
	path, err := s.path("job/import/json/%s", datasetID)
	if err != nil {
		return nil, nil, err
	}
	var raw []byte
	resp, err := s.client.do(ctx, http.MethodPost, path, nil, req, &raw, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	out := &ImportJob{Raw: raw}
	if len(bytes.TrimSpace(raw)) == 0 {
		// The job may have been created: say so instead of returning an
		// empty job id.
		return nil, resp, s.client.responseError(http.MethodPost, path, resp, fmt.Errorf("empty body where the job was expected: %w", io.ErrUnexpectedEOF))
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return nil, resp, s.client.responseError(http.MethodPost, path, resp, fmt.Errorf("decoding the job: %w", err))
	}
	return out, resp, nil
}

// ExportRequest selects what an export job exports.
type ExportRequest struct {
	JobName    string   `json:"jobName"`
	DataFormat string   `json:"dataFormat,omitempty"` // tsv, json
	Encoding   string   `json:"encoding,omitempty"`
	RowLimit   int      `json:"rowLimit,omitempty"` // at most 50,000; 0 for Adobe's default
	Columns    []string `json:"columns,omitempty"`
	Keys       []string `json:"keys,omitempty"`
}

// Export starts an export job of a classification set and returns its job.
// Poll it with GetJob until its state is completed, then read its output
// with DownloadExport, or list its parts with ExportFiles and read each
// with DownloadExportPart. Adobe limits an export to fewer than 50,000
// rows.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: POST /api/{globalCompanyId}/classifications/job/export/{dataset_id}
func (s *ClassificationsService) Export(ctx context.Context, datasetID string, req ExportRequest, reqOpts ...adobe.RequestOption) (*ClassificationJob, *adobe.Response, error) {
	if err := required("datasetID", datasetID); err != nil {
		return nil, nil, err
	}
	if err := required("JobName", req.JobName); err != nil {
		return nil, nil, err
	}
	if req.RowLimit < 0 || req.RowLimit > 50000 {
		return nil, nil, core.NewArgError("RowLimit", "is %d; it must be between 0 (Adobe's default) and 50,000", req.RowLimit)
	}
	path, err := s.path("job/export/%s", datasetID)
	if err != nil {
		return nil, nil, err
	}
	var out ClassificationJob
	resp, err := s.client.do(ctx, http.MethodPost, path, nil, req, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// ExportFileList is the answer of ExportFiles: the parts an export job's
// output is split into.
type ExportFileList struct {
	Count int      `json:"count"`
	Files []string `json:"files"`
}

// ExportFiles lists the file parts of a finished export job (e.g.
// "part1.tsv"); download each with DownloadExportPart, or everything with
// DownloadExport.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/job/export/file/{job_id}/list
func (s *ClassificationsService) ExportFiles(ctx context.Context, jobID string, reqOpts ...adobe.RequestOption) (*ExportFileList, *adobe.Response, error) {
	if err := required("jobID", jobID); err != nil {
		return nil, nil, err
	}
	path, err := s.path("job/export/file/%s/list", jobID)
	if err != nil {
		return nil, nil, err
	}
	var out ExportFileList
	resp, err := s.client.get(ctx, path, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// DownloadExport returns the whole output of a finished export job: a
// classification data file in the job's format (tab-separated by default:
// "## SC" header lines, then "Key" and the columns, then one row per key).
// Adobe answers 400 while the job is not complete (poll GetJob first).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/job/export/file/{job_id}
func (s *ClassificationsService) DownloadExport(ctx context.Context, jobID string, reqOpts ...adobe.RequestOption) ([]byte, *adobe.Response, error) {
	if err := required("jobID", jobID); err != nil {
		return nil, nil, err
	}
	path, err := s.path("job/export/file/%s", jobID)
	if err != nil {
		return nil, nil, err
	}
	return s.raw(ctx, path, nil, reqOpts)
}

// DownloadExportPart returns one file part of an export job's output, as
// named by ExportFiles.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/job/export/file/{job_id}/{file_name}
func (s *ClassificationsService) DownloadExportPart(ctx context.Context, jobID, fileName string, reqOpts ...adobe.RequestOption) ([]byte, *adobe.Response, error) {
	if err := required("jobID", jobID); err != nil {
		return nil, nil, err
	}
	if err := required("fileName", fileName); err != nil {
		return nil, nil, err
	}
	if fileName == "list" {
		return nil, nil, core.NewArgError("fileName", `"list" names the file listing; use ExportFiles`)
	}
	path, err := s.path("job/export/file/%s/%s", jobID, fileName)
	if err != nil {
		return nil, nil, err
	}
	return s.raw(ctx, path, nil, reqOpts)
}

// Template returns the import template of a classification set: the
// header lines and the "Key" and column row, in format "tsv" (the default
// when empty) or "csv".
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/datasets/template/{dataset_id}?format=
func (s *ClassificationsService) Template(ctx context.Context, datasetID, format string, reqOpts ...adobe.RequestOption) ([]byte, *adobe.Response, error) {
	if err := required("datasetID", datasetID); err != nil {
		return nil, nil, err
	}
	if format != "" && format != "tsv" && format != "csv" {
		return nil, nil, core.NewArgError("format", "%q is neither \"tsv\" nor \"csv\"", format)
	}
	path, err := s.path("datasets/template/%s", datasetID)
	if err != nil {
		return nil, nil, err
	}
	return s.raw(ctx, path, qv("format", format), reqOpts)
}

// raw GETs a non-JSON answer.
func (s *ClassificationsService) raw(ctx context.Context, path string, q url.Values, reqOpts []adobe.RequestOption) ([]byte, *adobe.Response, error) {
	var out []byte
	resp, err := s.client.get(ctx, path, q, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// ClassificationJob is an import or export job (ApiClassificationJob).
type ClassificationJob struct {
	JobID         string          `json:"jobId"`
	Name          string          `json:"name,omitempty"`
	SetName       string          `json:"setName,omitempty"`
	DatasetID     string          `json:"datasetId,omitempty"`
	State         string          `json:"state,omitempty"`
	JobSize       int64           `json:"jobSize,omitempty"`
	TotalLines    int             `json:"totalLines,omitempty"`
	NoEffectLines int             `json:"noeffectLines,omitempty"`
	JobOptions    json.RawMessage `json:"jobOptions,omitempty"`
	History       json.RawMessage `json:"history,omitempty"`
}

// GetJob returns one classification job.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/job/{job_id}
func (s *ClassificationsService) GetJob(ctx context.Context, jobID string, reqOpts ...adobe.RequestOption) (*ClassificationJob, *adobe.Response, error) {
	if err := required("jobID", jobID); err != nil {
		return nil, nil, err
	}
	path, err := s.path("job/%s", jobID)
	if err != nil {
		return nil, nil, err
	}
	var out ClassificationJob
	resp, err := s.client.get(ctx, path, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// JobListOptions pages the jobs of a dataset. This listing uses its own
// page shape (page, size, first, last).
type JobListOptions struct {
	LookbackDays int `url:"lookbackDays,omitempty"`
	Page         int `url:"page,omitempty"`
	Size         int `url:"size,omitempty"`
}

// validate refuses negative numbers.
func (o *JobListOptions) validate() error {
	if o == nil {
		return nil
	}
	return errors.Join(checkNonNegative("LookbackDays", o.LookbackDays), checkNonNegative("Page", o.Page), checkNonNegative("Size", o.Size))
}

type jobPage struct {
	Content    []ClassificationJob `json:"content"`
	TotalPages *int                `json:"totalPages"`
	Page       *int                `json:"page"`
	Last       *bool               `json:"last"`
	Total      *int                `json:"totalElements"`
	Size       *int                `json:"size"`
}

// ListJobs returns one page of the jobs of a classification set.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/job/byDataset/{dataset_id}
func (s *ClassificationsService) ListJobs(ctx context.Context, datasetID string, opts *JobListOptions, reqOpts ...adobe.RequestOption) ([]ClassificationJob, *adobe.Response, error) {
	path, q, err := s.jobsReq(datasetID, opts)
	if err != nil {
		return nil, nil, err
	}
	p, resp, err := s.jobPage(ctx, path, q, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return p.Items, resp, nil
}

// ListJobsIter iterates over every job of a classification set.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/job/byDataset/{dataset_id}
func (s *ClassificationsService) ListJobsIter(ctx context.Context, datasetID string, opts *JobListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[ClassificationJob, error] {
	path, q, err := s.jobsReq(datasetID, opts)
	if err != nil {
		return errSeq[ClassificationJob](err)
	}
	start, _ := strconv.Atoi(q.Get("page"))
	return core.Iterate(ctx, start, func(ctx context.Context, n int) (core.Page[ClassificationJob], error) {
		qq := cloneValues(q)
		qq.Set("page", strconv.Itoa(n))
		p, _, err := s.jobPage(ctx, path, qq, reqOpts)
		return p, err
	})
}

func (s *ClassificationsService) jobsReq(datasetID string, opts *JobListOptions) (string, url.Values, error) {
	if err := required("datasetID", datasetID); err != nil {
		return "", nil, err
	}
	path, err := s.path("job/byDataset/%s", datasetID)
	if err != nil {
		return "", nil, err
	}
	if opts == nil {
		opts = &JobListOptions{}
	}
	q, err := encode(opts)
	return path, q, err
}

func (s *ClassificationsService) jobPage(ctx context.Context, path string, q url.Values, reqOpts []adobe.RequestOption) (core.Page[ClassificationJob], *adobe.Response, error) {
	raw, resp, err := s.client.getRaw(ctx, path, q, reqOpts)
	if err != nil {
		return core.Page[ClassificationJob]{}, resp, err
	}
	p, info, err := decodeClassificationJobPage(raw)
	if err != nil {
		return p, resp, s.client.responseError(http.MethodGet, path, resp, err)
	}
	resp.Page = info
	return p, resp, nil
}

// decodeClassificationJobPage decodes a classification job page (page,
// totalPages, last, totalElements; 0-based) once, fingerprinting the bytes
// received.
func decodeClassificationJobPage(raw []byte) (core.Page[ClassificationJob], *adobe.PageInfo, error) {
	p := core.Page[ClassificationJob]{Number: -1, TotalPages: -1, Fingerprint: sha256.Sum256(raw)}
	if len(bytes.TrimSpace(raw)) == 0 {
		return p, nil, fmt.Errorf("decoding job page: empty body: %w", io.ErrUnexpectedEOF)
	}
	var jp jobPage
	if err := json.Unmarshal(raw, &jp); err != nil {
		return p, nil, fmt.Errorf("decoding job page: %w", err)
	}
	p.Items = jp.Content
	info := &adobe.PageInfo{Number: -1, Size: -1, TotalPages: -1, TotalItems: -1}
	if jp.Page != nil {
		p.Number, info.Number = *jp.Page, *jp.Page
	}
	if jp.TotalPages != nil {
		p.TotalPages, info.TotalPages = *jp.TotalPages, *jp.TotalPages
	}
	if jp.Size != nil {
		info.Size = *jp.Size
	}
	if jp.Total != nil {
		info.TotalItems = *jp.Total
	}
	switch {
	case jp.Last != nil:
		p.Last = *jp.Last
	case jp.Page != nil && jp.TotalPages != nil:
		p.Last = *jp.Page+1 >= *jp.TotalPages
	default:
		p.Last = len(jp.Content) == 0
	}
	info.Last = p.Last
	return p, info, nil
}
