package analytics

import (
	"context"
	"encoding/json"
	"iter"
	"net/url"

	"github.com/go-adobe/adobe"
)

// MetricsService reads a report suite's metrics, success events among them.
// The 2.0 API cannot create or change success events: that is done in the
// Analytics UI (Admin > Report Suites > Component Manager).
type MetricsService service

// Metric expansions (MetricListOptions.Expansion).
const (
	MetricExpandTags                = "tags"
	MetricExpandAllowedForReporting = "allowedForReporting"
	MetricExpandCategories          = "categories"
)

// Metric is an Analytics metric (AnalyticsMetric), e.g. a success event
// ("metrics/event1").
type Metric struct {
	ID                  string          `json:"id"`
	Title               string          `json:"title,omitempty"`
	Name                string          `json:"name,omitempty"`
	Type                string          `json:"type,omitempty"` // lower case on the wire; compare with strings.EqualFold
	ExtraTitleInfo      string          `json:"extraTitleInfo,omitempty"`
	Category            string          `json:"category,omitempty"`
	Categories          []string        `json:"categories,omitempty"`
	Support             []string        `json:"support,omitempty"`
	Allocation          bool            `json:"allocation,omitempty"`
	Precision           int             `json:"precision,omitempty"`
	Calculated          bool            `json:"calculated,omitempty"`
	Segmentable         bool            `json:"segmentable,omitempty"`
	Description         string          `json:"description,omitempty"`
	Polarity            string          `json:"polarity,omitempty"`
	HelpLink            string          `json:"helpLink,omitempty"`
	AllowedForReporting *bool           `json:"allowedForReporting,omitempty"`
	Tags                json.RawMessage `json:"tags,omitempty"`
}

// EventNumber returns N for a success event ("metrics/eventN" or
// "eventN"), and false for any other metric.
func (m Metric) EventNumber() (int, bool) { return ParseEventID(m.ID) }

// EventID returns the metric id of success event n, "metrics/eventN".
func EventID(n int) string { return eventID(n) }

// ParseEventID parses "metrics/eventN" or "eventN".
func ParseEventID(id string) (int, bool) { return parseNumberedID(id, "metrics/", "event") }

// MetricListOptions filters GET /metrics.
type MetricListOptions struct {
	Locale      string   `url:"locale,omitempty"`
	Segmentable bool     `url:"segmentable,omitempty"`
	Expansion   []string `url:"expansion,comma,omitempty"`
}

// List returns the metrics of a report suite that the credential's product
// profiles grant: Adobe silently omits the others. The answer is one plain
// array (the spec declares a single object; see the package docs).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/metrics/
//
// API: GET /api/{globalCompanyId}/metrics?rsid={rsid}
func (s *MetricsService) List(ctx context.Context, rsid string, opts *MetricListOptions, reqOpts ...adobe.RequestOption) ([]Metric, *adobe.Response, error) {
	path, q, err := s.listReq(rsid, opts)
	if err != nil {
		return nil, nil, err
	}
	return listPage[Metric](ctx, s.client, path, q, reqOpts)
}

// ListIter iterates over the metrics List returns.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/metrics/
//
// API: GET /api/{globalCompanyId}/metrics?rsid={rsid}
func (s *MetricsService) ListIter(ctx context.Context, rsid string, opts *MetricListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[Metric, error] {
	path, q, err := s.listReq(rsid, opts)
	if err != nil {
		return errSeq[Metric](err)
	}
	return iterate[Metric](ctx, s.client, path, q, reqOpts)
}

func (s *MetricsService) listReq(rsid string, opts *MetricListOptions) (string, url.Values, error) {
	if opts == nil {
		opts = &MetricListOptions{}
	}
	return s.client.componentListReq("metrics", rsid, opts)
}

// Get returns one metric by id ("event1", or "metrics/event1" which is
// shortened).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/metrics/
//
// API: GET /api/{globalCompanyId}/metrics/{id}?rsid={rsid}
func (s *MetricsService) Get(ctx context.Context, rsid, id string, expansion []string, reqOpts ...adobe.RequestOption) (*Metric, *adobe.Response, error) {
	return getComponent[Metric](ctx, s.client, "metrics", "metrics/", rsid, id, expansion, reqOpts)
}
