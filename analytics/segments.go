package analytics

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// SegmentsService manages segments.
type SegmentsService service

// Include types (ListOptions.IncludeType). By default Adobe lists only the
// caller's own components. IncludeAll lists everyone's and is for Analytics
// administrators only: Adobe answers others 403 "Requesting non-shared
// segments for other users is restricted to admin users"
// (adobe.ErrForbidden). A technical account is an administrator only if
// the credential has been made a product administrator.
const (
	IncludeShared    = "shared"
	IncludeAll       = "all"
	IncludeTemplates = "templates"
)

// Owner is a component's owner.
type Owner struct {
	ID    int    `json:"id"`
	Name  string `json:"name,omitempty"`
	Login string `json:"login,omitempty"`
}

// Segment is a segment (AnalyticsSegmentResponseItem).
type Segment struct {
	ID                     string          `json:"id"`
	Name                   string          `json:"name,omitempty"`
	Description            string          `json:"description,omitempty"`
	RSID                   string          `json:"rsid,omitempty"`
	ReportSuiteName        string          `json:"reportSuiteName,omitempty"`
	Owner                  *Owner          `json:"owner,omitempty"`
	Definition             json.RawMessage `json:"definition,omitempty"`
	Compatibility          json.RawMessage `json:"compatibility,omitempty"`
	DefinitionLastModified string          `json:"definitionLastModified,omitempty"`
	Categories             []string        `json:"categories,omitempty"`
	SiteTitle              string          `json:"siteTitle,omitempty"`
	Tags                   json.RawMessage `json:"tags,omitempty"`
	Modified               string          `json:"modified,omitempty"`
	Created                string          `json:"created,omitempty"`
}

// SegmentListOptions filters GET /segments.
type SegmentListOptions struct {
	RSIDs                     []string `url:"rsids,comma,omitempty"`
	SegmentFilter             []string `url:"segmentFilter,comma,omitempty"`
	Locale                    string   `url:"locale,omitempty"`
	Name                      string   `url:"name,omitempty"`
	TagNames                  []string `url:"tagNames,comma,omitempty"`
	FilterByPublishedSegments string   `url:"filterByPublishedSegments,omitempty"` // all, true, false
	SortDirection             string   `url:"sortDirection,omitempty"`             // ASC, DESC
	SortProperty              string   `url:"sortProperty,omitempty"`              // name, modified_date, id
	// Expansion adds fields: reportSuiteName, ownerFullName, modified, tags,
	// compatibility, definition, publishingStatus, definitionLastModified,
	// categories.
	Expansion []string `url:"expansion,comma,omitempty"`
	// IncludeType widens the listing (IncludeAll, admins only; IncludeShared;
	// IncludeTemplates).
	IncludeType []string `url:"includeType,comma,omitempty"`
	PageOptions
}

// SegmentCreateRequest is a new segment.
type SegmentCreateRequest struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	RSID        string `json:"rsid"`
	// Definition is the segment definition JSON (required).
	Definition json.RawMessage `json:"definition"`
}

// SegmentUpdateRequest is a partial update: nil fields are left unchanged.
type SegmentUpdateRequest struct {
	Name        *string         `json:"name,omitempty"`
	Description *string         `json:"description,omitempty"`
	RSID        *string         `json:"rsid,omitempty"`
	Definition  json.RawMessage `json:"definition,omitempty"`
}

// Validation is the compatibility answer of a validate call.
type Validation struct {
	Valid             bool            `json:"valid"`
	Message           string          `json:"message,omitempty"`
	ValidatorVersion  string          `json:"validator_version,omitempty"`
	SupportedProducts []string        `json:"supported_products,omitempty"`
	SupportedSchema   []string        `json:"supported_schema,omitempty"`
	SupportedFeatures []string        `json:"supported_features,omitempty"`
	IdentityMetrics   json.RawMessage `json:"identityMetrics,omitempty"`
	Functions         []string        `json:"functions,omitempty"`
}

// List returns one page of segments. Without IncludeType only the caller's
// own segments are listed.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/segments/
//
// API: GET /api/{globalCompanyId}/segments
func (s *SegmentsService) List(ctx context.Context, opts *SegmentListOptions, reqOpts ...adobe.RequestOption) ([]Segment, *adobe.Response, error) {
	path, q, err := s.listReq(opts)
	if err != nil {
		return nil, nil, err
	}
	return listPage[Segment](ctx, s.client, path, q, reqOpts)
}

// ListIter iterates over every segment opts selects, page by page.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/segments/
//
// API: GET /api/{globalCompanyId}/segments
func (s *SegmentsService) ListIter(ctx context.Context, opts *SegmentListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[Segment, error] {
	path, q, err := s.listReq(opts)
	if err != nil {
		return errSeq[Segment](err)
	}
	return iterate[Segment](ctx, s.client, path, q, reqOpts)
}

func (s *SegmentsService) listReq(opts *SegmentListOptions) (string, url.Values, error) {
	path, err := s.client.companyPath("segments")
	if err != nil {
		return "", nil, err
	}
	if opts == nil {
		opts = &SegmentListOptions{}
	}
	q, err := encode(opts)
	return path, q, err
}

// Get returns one segment; expansion as in SegmentListOptions.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/segments/
//
// API: GET /api/{globalCompanyId}/segments/{id}
func (s *SegmentsService) Get(ctx context.Context, id string, expansion []string, reqOpts ...adobe.RequestOption) (*Segment, *adobe.Response, error) {
	return componentGet[Segment](ctx, s.client, "segments", id, expansion, reqOpts)
}

// Create creates a segment owned by the caller. It is a POST and not
// retried on 5xx; list by name first to converge on re-runs.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/segments/
//
// API: POST /api/{globalCompanyId}/segments
func (s *SegmentsService) Create(ctx context.Context, body SegmentCreateRequest, reqOpts ...adobe.RequestOption) (*Segment, *adobe.Response, error) {
	if err := checkComponent(body.Name, body.RSID, body.Definition); err != nil {
		return nil, nil, err
	}
	return componentWrite[Segment](ctx, s.client, http.MethodPost, "segments", "", body, reqOpts)
}

// Update changes a segment partially. Only its owner (or an admin) may.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/segments/
//
// API: PUT /api/{globalCompanyId}/segments/{id}
func (s *SegmentsService) Update(ctx context.Context, id string, body SegmentUpdateRequest, reqOpts ...adobe.RequestOption) (*Segment, *adobe.Response, error) {
	if err := required("id", id); err != nil {
		return nil, nil, err
	}
	if body.Name != nil {
		if err := checkText("Name", *body.Name, true, maxNameLen); err != nil {
			return nil, nil, err
		}
	}
	if body.RSID != nil {
		if err := checkRSID("RSID", *body.RSID); err != nil {
			return nil, nil, err
		}
	}
	if body.Definition != nil && !json.Valid(body.Definition) {
		return nil, nil, core.NewArgError("Definition", "is not valid JSON")
	}
	return componentWrite[Segment](ctx, s.client, http.MethodPut, "segments", id, body, reqOpts)
}

// Delete deletes a segment. Deleting one that no longer exists answers
// 404 (adobe.ErrNotFound).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/segments/
//
// API: DELETE /api/{globalCompanyId}/segments/{id}
func (s *SegmentsService) Delete(ctx context.Context, id string, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	return componentDelete(ctx, s.client, "segments", id, reqOpts)
}

// Validate checks a segment definition (the JSON of a segment's
// definition: {"func":"segment","version":[1,0,0],"container":{...}})
// against a report suite without creating anything. The definition is sent
// as the body itself, as Adobe's documentation shows, not wrapped in
// {"definition": ...}.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/segments/validate/
//
// API: POST /api/{globalCompanyId}/segments/validate?rsid={rsid}
func (s *SegmentsService) Validate(ctx context.Context, rsid string, definition json.RawMessage, reqOpts ...adobe.RequestOption) (*Validation, *adobe.Response, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, nil, err
	}
	var top map[string]json.RawMessage
	if len(definition) == 0 || json.Unmarshal(definition, &top) != nil {
		return nil, nil, core.NewArgError("definition", "must be a JSON segment definition object")
	}
	if _, wrapped := top["definition"]; wrapped {
		return nil, nil, core.NewArgError("definition", "pass the definition itself ({\"func\":\"segment\",\"container\":...}), not {\"definition\":...}")
	}
	path, err := s.client.companyPath("segments/validate")
	if err != nil {
		return nil, nil, err
	}
	var out Validation
	resp, err := s.client.do(ctx, http.MethodPost, path, qv("rsid", rsid), definition, &out, append([]adobe.RequestOption{adobe.WithIdempotent()}, reqOpts...))
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// checkComponent validates a new component's required fields.
func checkComponent(name, rsid string, def json.RawMessage) error {
	if err := required("Name", name); err != nil {
		return err
	}
	if err := checkRSID("RSID", rsid); err != nil {
		return err
	}
	if len(def) == 0 || !json.Valid(def) {
		return core.NewArgError("Definition", "is required and must be valid JSON")
	}
	return nil
}

func componentGet[T any](ctx context.Context, c *Client, kind, id string, expansion []string, reqOpts []adobe.RequestOption) (*T, *adobe.Response, error) {
	if err := required("id", id); err != nil {
		return nil, nil, err
	}
	path, err := c.companyPath(kind+"/%s", id)
	if err != nil {
		return nil, nil, err
	}
	var out T
	resp, err := c.get(ctx, path, qv("expansion", joinComma(expansion)), &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

func componentWrite[T any](ctx context.Context, c *Client, method, kind, id string, body any, reqOpts []adobe.RequestOption) (*T, *adobe.Response, error) {
	var path string
	var err error
	if id == "" {
		path, err = c.companyPath(kind)
	} else {
		path, err = c.companyPath(kind+"/%s", id)
	}
	if err != nil {
		return nil, nil, err
	}
	var out T
	resp, err := c.do(ctx, method, path, nil, body, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

func componentDelete(ctx context.Context, c *Client, kind, id string, reqOpts []adobe.RequestOption) (*adobe.Response, error) {
	if err := required("id", id); err != nil {
		return nil, err
	}
	path, err := c.companyPath(kind+"/%s", id)
	if err != nil {
		return nil, err
	}
	return c.do(ctx, http.MethodDelete, path, nil, nil, nil, reqOpts)
}
