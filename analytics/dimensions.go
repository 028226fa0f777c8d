package analytics

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe"
)

// DimensionsService reads a report suite's dimensions, eVars among them.
// The 2.0 API cannot create or change eVars: that is done in the Analytics
// UI (Admin > Report Suites > Component Manager).
type DimensionsService service

// Dimension expansions (DimensionListOptions.Expansion). The eVar settings
// are populated for eVars only.
const (
	DimExpandTags                 = "tags"
	DimExpandAllowedForReporting  = "allowedForReporting"
	DimExpandAttributionModel     = "attributionModel"
	DimExpandCategories           = "categories"
	DimExpandAllocationType       = "allocationType"
	DimExpandExpirationType       = "expirationType"
	DimExpandExpirationCustomDays = "expirationCustomDays"
	DimExpandDataType             = "dataType"
	DimExpandBindingEvents        = "bindingEvents"
	DimExpandMerchandisingSyntax  = "merchandisingSyntax"
)

// EVarExpansions are the expansions that return every eVar setting the API
// exposes.
var EVarExpansions = []string{DimExpandAllowedForReporting, DimExpandAllocationType, DimExpandExpirationType,
	DimExpandExpirationCustomDays, DimExpandDataType, DimExpandBindingEvents, DimExpandMerchandisingSyntax, DimExpandAttributionModel}

// Dimension is an Analytics dimension (AnalyticsDimension), e.g. an eVar
// ("variables/evar1").
type Dimension struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	Name  string `json:"name,omitempty"`
	// Type is the value type. The spec lists upper-case values (STRING,
	// INT, ...); Adobe sends lower case ("string"). Compare with
	// strings.EqualFold.
	Type                string          `json:"type,omitempty"`
	Category            string          `json:"category,omitempty"`
	Categories          []string        `json:"categories,omitempty"`
	Support             []string        `json:"support,omitempty"`
	Pathable            bool            `json:"pathable,omitempty"`
	Parent              string          `json:"parent,omitempty"`
	ExtraTitleInfo      string          `json:"extraTitleInfo,omitempty"`
	Segmentable         bool            `json:"segmentable,omitempty"`
	Reportable          []string        `json:"reportable,omitempty"`
	Description         string          `json:"description,omitempty"`
	AllowedForReporting *bool           `json:"allowedForReporting,omitempty"`
	AttributionModel    json.RawMessage `json:"attributionModel,omitempty"`
	Tags                json.RawMessage `json:"tags,omitempty"`

	// eVar settings (with the matching expansions).

	// AllocationType is most_recent_last, original_value_first, linear,
	// linear_to_items, merchandising_first or merchandising_last.
	AllocationType string `json:"allocationType,omitempty"`
	// ExpirationType is visit, page_view, never, minute, hour, day, week,
	// month, quarter, year, purchase, product_view, cart_*, or event.
	ExpirationType string `json:"expirationType,omitempty"`
	// ExpirationCustomDays is the window when ExpirationType is "day".
	ExpirationCustomDays *int `json:"expirationCustomDays,omitempty"`
	// DataType is "text" or "counter".
	DataType string `json:"dataType,omitempty"`
	// BindingEvents are merchandising binding metric ids.
	BindingEvents []string `json:"bindingEvents,omitempty"`
	// MerchandisingSyntax is "product" or "conversion_variable".
	MerchandisingSyntax string `json:"merchandisingSyntax,omitempty"`
	// EcomAllocationType is "first", "last" or "merchandising".
	EcomAllocationType string `json:"ecomAllocationType,omitempty"`
}

// IsText reports whether the dimension is a text eVar (dataType "text").
func (d Dimension) IsText() bool { return strings.EqualFold(d.DataType, "text") }

// EVarNumber returns N for an eVar dimension ("variables/evarN" or
// "evarN"), and false for any other dimension.
func (d Dimension) EVarNumber() (int, bool) { return ParseEVarID(d.ID) }

// EVarID returns the dimension id of eVar n, "variables/evarN".
func EVarID(n int) string { return "variables/evar" + strconv.Itoa(n) }

// ParseEVarID parses "variables/evarN" or "evarN".
func ParseEVarID(id string) (int, bool) { return parseNumberedID(id, "variables/", "evar") }

// parseNumberedID parses "<ns><word>N" or "<word>N" with N ≥ 1 written
// without leading zeros (eVars, events).
func parseNumberedID(id, ns, word string) (int, bool) {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(id, ns), word)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 1 || strconv.Itoa(n) != rest {
		return 0, false
	}
	return n, true
}

// DimensionListOptions filters GET /dimensions.
type DimensionListOptions struct {
	Locale       string   `url:"locale,omitempty"`
	Segmentable  bool     `url:"segmentable,omitempty"`
	Reportable   bool     `url:"reportable,omitempty"`
	Classifiable bool     `url:"classifiable,omitempty"`
	Expansion    []string `url:"expansion,comma,omitempty"`
}

// List returns the dimensions of a report suite that the credential's
// product profiles grant: Adobe silently omits the others. The answer is one
// plain array (no pages).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/dimensions/
//
// API: GET /api/{globalCompanyId}/dimensions?rsid={rsid}
func (s *DimensionsService) List(ctx context.Context, rsid string, opts *DimensionListOptions, reqOpts ...adobe.RequestOption) ([]Dimension, *adobe.Response, error) {
	path, q, err := s.listReq(rsid, opts)
	if err != nil {
		return nil, nil, err
	}
	return listPage[Dimension](ctx, s.client, path, q, reqOpts)
}

// ListIter iterates over the dimensions List returns.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/dimensions/
//
// API: GET /api/{globalCompanyId}/dimensions?rsid={rsid}
func (s *DimensionsService) ListIter(ctx context.Context, rsid string, opts *DimensionListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[Dimension, error] {
	path, q, err := s.listReq(rsid, opts)
	if err != nil {
		return errSeq[Dimension](err)
	}
	return iterate[Dimension](ctx, s.client, path, q, reqOpts)
}

func (s *DimensionsService) listReq(rsid string, opts *DimensionListOptions) (string, url.Values, error) {
	if opts == nil {
		opts = &DimensionListOptions{}
	}
	return s.client.componentListReq("dimensions", rsid, opts)
}

// componentListReq builds the path and query of a component listing of one
// report suite (GET /dimensions or /metrics ?rsid=).
func (c *Client) componentListReq(kind, rsid string, opts any) (string, url.Values, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return "", nil, err
	}
	path, err := c.companyPath(kind)
	if err != nil {
		return "", nil, err
	}
	q, err := encode(opts)
	if err != nil {
		return "", nil, err
	}
	q.Set("rsid", rsid)
	return path, q, nil
}

// getComponent fetches one component of a report suite by id, without its
// namespace prefix (GET /dimensions/{id} or /metrics/{id} ?rsid=).
func getComponent[T any](ctx context.Context, c *Client, kind, ns, rsid, id string, expansion []string, reqOpts []adobe.RequestOption) (*T, *adobe.Response, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, nil, err
	}
	if err := checkComponentID("id", id); err != nil {
		return nil, nil, err
	}
	id = strings.TrimPrefix(id, ns)
	if err := required("id", id); err != nil {
		return nil, nil, err
	}
	path, err := c.companyPath(kind+"/%s", id)
	if err != nil {
		return nil, nil, err
	}
	var out T
	resp, err := c.get(ctx, path, qv("rsid", rsid, "expansion", joinComma(expansion)), &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Get returns one dimension by id ("evar1", or "variables/evar1" which is
// shortened). expansion adds fields (the DimExpand constants, or
// EVarExpansions). A dimension outside the credential's profile answers
// 401 ("User Doesn't have sufficient privileges").
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/dimensions/
//
// API: GET /api/{globalCompanyId}/dimensions/{id}?rsid={rsid}
func (s *DimensionsService) Get(ctx context.Context, rsid, id string, expansion []string, reqOpts ...adobe.RequestOption) (*Dimension, *adobe.Response, error) {
	return getComponent[Dimension](ctx, s.client, "dimensions", "variables/", rsid, id, expansion, reqOpts)
}

// eventID returns the metric id of success event n.
func eventID(n int) string { return fmt.Sprintf("metrics/event%d", n) }
