package analytics

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"net/url"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// CalculatedMetricsService manages calculated metrics.
type CalculatedMetricsService service

// CalculatedMetric is a calculated metric (AnalyticsCalculatedMetric).
type CalculatedMetric struct {
	ID              string          `json:"id"`
	Name            string          `json:"name,omitempty"`
	Description     string          `json:"description,omitempty"`
	RSID            string          `json:"rsid,omitempty"`
	ReportSuiteName string          `json:"reportSuiteName,omitempty"`
	Owner           *Owner          `json:"owner,omitempty"`
	Polarity        string          `json:"polarity,omitempty"`
	Precision       int             `json:"precision,omitempty"`
	Type            string          `json:"type,omitempty"`
	Definition      json.RawMessage `json:"definition,omitempty"`
	Compatibility   json.RawMessage `json:"compatibility,omitempty"`
	Categories      []string        `json:"categories,omitempty"`
	Tags            json.RawMessage `json:"tags,omitempty"`
	SiteTitle       string          `json:"siteTitle,omitempty"`
	Modified        string          `json:"modified,omitempty"`
	Created         string          `json:"created,omitempty"`
}

// CalculatedMetricListOptions filters GET /calculatedmetrics.
type CalculatedMetricListOptions struct {
	RSIDs          []string `url:"rsids,comma,omitempty"`
	OwnerID        int      `url:"ownerId,omitempty"`
	FilterByIDs    []string `url:"filterByIds,comma,omitempty"`
	ToBeUsedInRSID string   `url:"toBeUsedInRsid,omitempty"`
	Locale         string   `url:"locale,omitempty"`
	Name           string   `url:"name,omitempty"`
	TagNames       []string `url:"tagNames,comma,omitempty"`
	Favorite       bool     `url:"favorite,omitempty"`
	Approved       bool     `url:"approved,omitempty"`
	SortDirection  string   `url:"sortDirection,omitempty"`
	SortProperty   string   `url:"sortProperty,omitempty"`
	// Expansion adds fields: reportSuiteName, ownerFullName, modified, tags,
	// definition, compatibility, categories.
	Expansion []string `url:"expansion,comma,omitempty"`
	// IncludeType widens the listing (IncludeAll is for Analytics
	// administrators only; others get 403, adobe.ErrForbidden).
	IncludeType []string `url:"includeType,comma,omitempty"`
	PageOptions
}

// CalculatedMetricCreateRequest is a new calculated metric.
type CalculatedMetricCreateRequest struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	RSID        string `json:"rsid"`
	Polarity    string `json:"polarity,omitempty"`
	Precision   int    `json:"precision,omitempty"`
	// Type is DECIMAL, PERCENT, CURRENCY or TIME.
	Type string `json:"type,omitempty"`
	// Definition is the formula JSON (required).
	Definition json.RawMessage `json:"definition"`
}

// CalculatedMetricUpdateRequest is a partial update: nil fields are left
// unchanged.
type CalculatedMetricUpdateRequest struct {
	Name        *string         `json:"name,omitempty"`
	Description *string         `json:"description,omitempty"`
	Polarity    *string         `json:"polarity,omitempty"`
	Precision   *int            `json:"precision,omitempty"`
	Type        *string         `json:"type,omitempty"`
	Definition  json.RawMessage `json:"definition,omitempty"`
}

// List returns one page of calculated metrics. Without IncludeType only the
// caller's own are listed.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/calculatedmetrics/
//
// API: GET /api/{globalCompanyId}/calculatedmetrics
func (s *CalculatedMetricsService) List(ctx context.Context, opts *CalculatedMetricListOptions, reqOpts ...adobe.RequestOption) ([]CalculatedMetric, *adobe.Response, error) {
	path, q, err := s.listReq(opts)
	if err != nil {
		return nil, nil, err
	}
	return listPage[CalculatedMetric](ctx, s.client, path, q, reqOpts)
}

// ListIter iterates over every calculated metric opts selects.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/calculatedmetrics/
//
// API: GET /api/{globalCompanyId}/calculatedmetrics
func (s *CalculatedMetricsService) ListIter(ctx context.Context, opts *CalculatedMetricListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[CalculatedMetric, error] {
	path, q, err := s.listReq(opts)
	if err != nil {
		return errSeq[CalculatedMetric](err)
	}
	return iterate[CalculatedMetric](ctx, s.client, path, q, reqOpts)
}

func (s *CalculatedMetricsService) listReq(opts *CalculatedMetricListOptions) (string, url.Values, error) {
	path, err := s.client.companyPath("calculatedmetrics")
	if err != nil {
		return "", nil, err
	}
	if opts == nil {
		opts = &CalculatedMetricListOptions{}
	}
	q, err := encode(opts)
	return path, q, err
}

// Get returns one calculated metric.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/calculatedmetrics/
//
// API: GET /api/{globalCompanyId}/calculatedmetrics/{id}
func (s *CalculatedMetricsService) Get(ctx context.Context, id string, expansion []string, reqOpts ...adobe.RequestOption) (*CalculatedMetric, *adobe.Response, error) {
	return componentGet[CalculatedMetric](ctx, s.client, "calculatedmetrics", id, expansion, reqOpts)
}

// Create creates a calculated metric owned by the caller (not retried on
// 5xx).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/calculatedmetrics/
//
// API: POST /api/{globalCompanyId}/calculatedmetrics
func (s *CalculatedMetricsService) Create(ctx context.Context, body CalculatedMetricCreateRequest, reqOpts ...adobe.RequestOption) (*CalculatedMetric, *adobe.Response, error) {
	if err := checkComponent(body.Name, body.RSID, body.Definition); err != nil {
		return nil, nil, err
	}
	if err := errors.Join(checkText("Description", body.Description, false, 4096), checkNonNegative("Precision", body.Precision)); err != nil {
		return nil, nil, err
	}
	return componentWrite[CalculatedMetric](ctx, s.client, http.MethodPost, "calculatedmetrics", "", body, reqOpts)
}

// Update changes a calculated metric. The spec requires the definition in
// every PUT body, so when body.Definition is nil the current definition is
// read first (GET with expansion=definition) and sent back unchanged.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/calculatedmetrics/
//
// API: PUT /api/{globalCompanyId}/calculatedmetrics/{id}
func (s *CalculatedMetricsService) Update(ctx context.Context, id string, body CalculatedMetricUpdateRequest, reqOpts ...adobe.RequestOption) (*CalculatedMetric, *adobe.Response, error) {
	if err := required("id", id); err != nil {
		return nil, nil, err
	}
	if body.Definition != nil && !json.Valid(body.Definition) {
		return nil, nil, core.NewArgError("Definition", "is not valid JSON")
	}
	if body.Name != nil {
		if err := checkText("Name", *body.Name, true, maxNameLen); err != nil {
			return nil, nil, err
		}
	}
	if body.Precision != nil {
		if err := checkNonNegative("Precision", *body.Precision); err != nil {
			return nil, nil, err
		}
	}
	if body.Definition == nil {
		cur, resp, err := s.Get(ctx, id, []string{"definition"}, reqOpts...)
		if err != nil {
			return nil, resp, err
		}
		body.Definition = cur.Definition
	}
	return componentWrite[CalculatedMetric](ctx, s.client, http.MethodPut, "calculatedmetrics", id, body, reqOpts)
}

// Delete deletes a calculated metric.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/calculatedmetrics/
//
// API: DELETE /api/{globalCompanyId}/calculatedmetrics/{id}
func (s *CalculatedMetricsService) Delete(ctx context.Context, id string, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	return componentDelete(ctx, s.client, "calculatedmetrics", id, reqOpts)
}

// Validate checks a calculated-metric definition against a report suite
// without creating anything.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/calculatedmetrics/validate
//
// API: POST /api/{globalCompanyId}/calculatedmetrics/validate
func (s *CalculatedMetricsService) Validate(ctx context.Context, rsid string, definition json.RawMessage, reqOpts ...adobe.RequestOption) (*Validation, *adobe.Response, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, nil, err
	}
	if len(definition) == 0 || !json.Valid(definition) {
		return nil, nil, core.NewArgError("definition", "must be a JSON calculated-metric definition")
	}
	path, err := s.client.companyPath("calculatedmetrics/validate")
	if err != nil {
		return nil, nil, err
	}
	body := struct {
		RSID       string          `json:"rsid"`
		Definition json.RawMessage `json:"definition"`
	}{rsid, definition}
	var out Validation
	resp, err := s.client.do(ctx, http.MethodPost, path, nil, body, &out, append([]adobe.RequestOption{adobe.WithIdempotent()}, reqOpts...))
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}
