package fakeanalytics

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Company is an Analytics company (login company) of an IMS org.
type Company struct {
	GlobalCompanyID string
	Name            string
	OrgID           string
	RateLimitPolicy string
}

// Suite is a report suite.
type Suite struct {
	RSID       string
	Name       string
	Currency   string
	Timezone   string
	ParentRSID string
}

// Dimension is a dimension of a suite (eVars: "variables/evarN").
type Dimension struct {
	ID                   string
	Name                 string
	Type                 string // lower case, as on the wire: "string", "int"
	Category             string
	DataType             string // eVars: "text" or "counter"
	AllocationType       string
	ExpirationType       string
	ExpirationCustomDays *int
}

// Metric is a metric of a suite (events: "metrics/eventN").
type Metric struct {
	ID       string
	Name     string
	Type     string // "int", "currency", "decimal"
	Category string
}

// Component is a segment or a calculated metric.
type Component struct {
	ID          string
	Name        string
	Description string
	RSID        string
	OwnerID     int
	Type        string
	Polarity    string
	Precision   int
	Definition  json.RawMessage
	Created     time.Time
	Modified    time.Time
}

// Dataset is a classification set.
type Dataset struct {
	ID            string
	Name          string
	Description   string
	Columns       []Column
	Subscriptions []Subscription
	Owner         *DatasetOwner
	Modified      time.Time
	// values are the imported classifications: key → column name → value.
	values map[string]map[string]string
	keys   []string // keys in first-import order
}

// Column is a classification column.
type Column struct {
	ID, Name, DisplayName, Type string
}

// Subscription subscribes a suite dimension to a dataset. NotUnique is the
// wire's unique:false (unique is true by default).
type Subscription struct {
	RSID, Dimension string
	NotUnique       bool
}

// DatasetOwner is a set's contact.
type DatasetOwner struct{ Name, Email string }

// Job is a classification import or export job. Export jobs carry their
// output as file parts.
type Job struct {
	ID, DatasetID, Name, Kind, State string
	Lines                            int
	Created                          time.Time
	files                            []jobFile
}

type jobFile struct {
	name string
	data []byte
}

// DataSource is a Data Sources account.
type DataSource struct {
	ID                 int
	RSID, Name, Email  string
	Type               string
	Created            time.Time
	FTPUser, FTPPasswd string
	Jobs               []DSJob
}

// DSJob is a Data Sources upload.
type DSJob struct {
	ID       int64
	Filename string
	Rows     int64
	Status   string
	Uploaded time.Time
}

// company is a company's whole state.
type company struct {
	Company
	num         int       // numeric company id (companyid of users)
	created     time.Time // when the company was added
	suites      []*suite
	segments    []*Component
	calcMetrics []*Component
	datasets    []*Dataset
	jobs        []*Job
	sources     []*DataSource
	users       map[string]int  // principal (user or tech account id) → login id
	admins      map[string]bool // adminKey → Analytics administrator
}

type suite struct {
	Suite
	dims    []Dimension
	metrics []Metric
}

// Service is the Analytics part: its state and handlers. All methods are
// safe for concurrent use.
type Service struct {
	st *fakestate.Store

	mu        sync.Mutex
	companies []*company
	nextNum   int
	nextID    int
	limit     rateLimit
	windows   map[string]*window
	seedErr   error
}

// SeedError returns the error of the "analytics" seed section, if any.
func (s *Service) SeedError() error { return s.seedErr }

// New returns the store's Analytics part, creating it on first use (it is
// kept as the store's part state "analytics", so New and For return the
// same Service). A new part holds the state of the store's "analytics" seed
// section or, without one, a demo company for the first org.
func New(st *fakestate.Store) *Service {
	return st.PartState("analytics", func() any { return newService(st) }).(*Service)
}

// For returns the store's Analytics part (see New).
func For(st *fakestate.Store) *Service { return New(st) }

func newService(st *fakestate.Store) *Service {
	s := &Service{st: st, nextNum: 300000000, nextID: 1000, limit: defaultRateLimit(), windows: map[string]*window{}}
	if raw := st.SeedSection("analytics"); len(raw) > 0 {
		// A part cannot fail its own construction: the fake's New
		// reports SeedError, and should a part be built without that
		// check, every Analytics request answers 500 with the reason,
		// so that it cannot go unnoticed.
		s.seedErr = s.ApplySeed(raw)
		return s
	}
	s.addDemo()
	return s
}

// Demo data: one company for the first org with one suite, eVar1–eVar10
// (eVar5 a counter; enough for the Campaign connector's cid and bid eVars),
// numeric events event1–event20, and a classification set on eVar1.
const (
	DemoCompanyID   = "demoorg0"
	DemoCompanyName = "Demo Company"
	DemoRSID        = "demoorg0prod"
	DemoEVars       = 10
	DemoEvents      = 20
)

func (s *Service) addDemo() {
	orgs := s.st.Orgs()
	if len(orgs) == 0 {
		return
	}
	if err := s.AddCompany(Company{GlobalCompanyID: DemoCompanyID, Name: DemoCompanyName, OrgID: orgs[0].ID}); err != nil {
		return
	}
	_ = s.AddSuite(DemoCompanyID, Suite{RSID: DemoRSID, Name: "Demo Production", Currency: "USD", Timezone: "US/Pacific"})
	for n := 1; n <= DemoEVars; n++ {
		dt := "text"
		if n == 5 {
			dt = "counter"
		}
		_ = s.AddEVar(DemoCompanyID, DemoRSID, n, fmt.Sprintf("Demo eVar %d", n), dt)
	}
	for n := 1; n <= DemoEvents; n++ {
		_ = s.AddEvent(DemoCompanyID, DemoRSID, n, fmt.Sprintf("Demo Event %d", n), "int")
	}
	_, _ = s.AddDataset(DemoCompanyID, Dataset{Name: "Demo Campaign IDs", Columns: []Column{{Name: "Channel", DisplayName: "Channel"}},
		Subscriptions: []Subscription{{RSID: DemoRSID, Dimension: "variables/evar1"}}})
}

var gcidOK = func(id string) bool {
	if id == "" || len(id) > 40 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// AddCompany adds a company to an existing org. Its global company id is
// lower-case letters and digits, unique.
func (s *Service) AddCompany(c Company) error {
	if !gcidOK(c.GlobalCompanyID) {
		return fmt.Errorf("%w: global company id %q (lower-case letters and digits)", fakestate.ErrInvalid, c.GlobalCompanyID)
	}
	if _, ok := s.st.Org(c.OrgID); !ok {
		return fmt.Errorf("%w: org %q", fakestate.ErrNotFound, c.OrgID)
	}
	if c.Name == "" {
		c.Name = c.GlobalCompanyID
	}
	if c.RateLimitPolicy == "" {
		c.RateLimitPolicy = "aa_api_tier10_tp"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.companyLocked(c.GlobalCompanyID) != nil {
		return fmt.Errorf("%w: company %s", fakestate.ErrExists, c.GlobalCompanyID)
	}
	s.nextNum++
	s.companies = append(s.companies, &company{Company: c, num: s.nextNum, created: time.Now(), users: map[string]int{}, admins: map[string]bool{}})
	return nil
}

func (s *Service) companyLocked(gcid string) *company {
	for _, c := range s.companies {
		if c.GlobalCompanyID == gcid {
			return c
		}
	}
	return nil
}

func (c *company) suite(rsid string) *suite {
	for _, su := range c.suites {
		if su.RSID == rsid {
			return su
		}
	}
	return nil
}

// standardDimensions and standardMetrics exist in every suite.
var (
	standardDimensions = []Dimension{
		{ID: "variables/page", Name: "Page", Type: "string", Category: "Content"},
		{ID: "variables/campaign", Name: "Tracking Code", Type: "string", Category: "Traffic Sources"},
	}
	standardMetrics = []Metric{
		{ID: "metrics/pageviews", Name: "Page Views", Type: "int", Category: "Traffic"},
		{ID: "metrics/visits", Name: "Visits", Type: "int", Category: "Traffic"},
	}
)

// AddSuite adds a report suite; its rsid must begin with the company id.
func (s *Service) AddSuite(gcid string, su Suite) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addSuiteLocked(gcid, su, "")
}

func (s *Service) addSuiteLocked(gcid string, su Suite, copyFrom string) error {
	c := s.companyLocked(gcid)
	if c == nil {
		return fmt.Errorf("%w: company %q", fakestate.ErrNotFound, gcid)
	}
	if !strings.HasPrefix(su.RSID, gcid) {
		return fmt.Errorf("%w: rsid %q must begin with the company prefix %q", fakestate.ErrInvalid, su.RSID, gcid)
	}
	if c.suite(su.RSID) != nil {
		return fmt.Errorf("%w: report suite %s", fakestate.ErrExists, su.RSID)
	}
	if su.Name == "" {
		su.Name = su.RSID
	}
	if su.Currency == "" {
		su.Currency = "USD"
	}
	if su.Timezone == "" {
		su.Timezone = "US/Pacific"
	}
	n := &suite{Suite: su, dims: slices.Clone(standardDimensions), metrics: slices.Clone(standardMetrics)}
	if copyFrom != "" {
		tpl := c.suite(copyFrom)
		if tpl == nil {
			return fmt.Errorf("%w: template suite %q", fakestate.ErrNotFound, copyFrom)
		}
		n.dims, n.metrics = slices.Clone(tpl.dims), slices.Clone(tpl.metrics)
	}
	c.suites = append(c.suites, n)
	return nil
}

// AddEVar enables eVar n (1–250) in a suite with a name and data type
// ("text" or "counter"); re-adding updates it.
func (s *Service) AddEVar(gcid, rsid string, n int, name, dataType string) error {
	if n < 1 || n > 250 {
		return fmt.Errorf("%w: eVar number %d", fakestate.ErrInvalid, n)
	}
	if dataType == "" {
		dataType = "text"
	}
	if dataType != "text" && dataType != "counter" {
		return fmt.Errorf("%w: eVar data type %q", fakestate.ErrInvalid, dataType)
	}
	typ := "string"
	if dataType == "counter" {
		typ = "int"
	}
	d := Dimension{ID: "variables/evar" + strconv.Itoa(n), Name: name, Type: typ, Category: "Conversion", DataType: dataType,
		AllocationType: "most_recent_last", ExpirationType: "visit"}
	return s.withSuite(gcid, rsid, func(su *suite) {
		if i := slices.IndexFunc(su.dims, func(x Dimension) bool { return x.ID == d.ID }); i >= 0 {
			su.dims[i] = d
			return
		}
		su.dims = append(su.dims, d)
	})
}

// SetEVarSettings changes an enabled eVar's allocation and expiration.
func (s *Service) SetEVarSettings(gcid, rsid string, n int, allocation, expiration string, customDays *int) error {
	id := "variables/evar" + strconv.Itoa(n)
	var found bool
	err := s.withSuite(gcid, rsid, func(su *suite) {
		for i := range su.dims {
			if su.dims[i].ID == id {
				found = true
				su.dims[i].AllocationType, su.dims[i].ExpirationType, su.dims[i].ExpirationCustomDays = allocation, expiration, customDays
			}
		}
	})
	if err == nil && !found {
		err = fmt.Errorf("%w: eVar%d in %s", fakestate.ErrNotFound, n, rsid)
	}
	return err
}

// AddEvent enables success event n (1–1000) in a suite; typ is "int"
// (counter or numeric), "currency" or "decimal".
func (s *Service) AddEvent(gcid, rsid string, n int, name, typ string) error {
	if n < 1 || n > 1000 {
		return fmt.Errorf("%w: event number %d", fakestate.ErrInvalid, n)
	}
	if typ == "" {
		typ = "int"
	}
	m := Metric{ID: "metrics/event" + strconv.Itoa(n), Name: name, Type: typ, Category: "Conversion"}
	return s.withSuite(gcid, rsid, func(su *suite) {
		if i := slices.IndexFunc(su.metrics, func(x Metric) bool { return x.ID == m.ID }); i >= 0 {
			su.metrics[i] = m
			return
		}
		su.metrics = append(su.metrics, m)
	})
}

func (s *Service) withSuite(gcid, rsid string, f func(*suite)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.companyLocked(gcid)
	if c == nil {
		return fmt.Errorf("%w: company %q", fakestate.ErrNotFound, gcid)
	}
	su := c.suite(rsid)
	if su == nil {
		return fmt.Errorf("%w: report suite %q", fakestate.ErrNotFound, rsid)
	}
	f(su)
	return nil
}

// AddDataset adds a classification set (the UI's Components >
// Classification sets > New) and returns its generated id.
func (s *Service) AddDataset(gcid string, d Dataset) (string, error) {
	if d.Name == "" {
		return "", fmt.Errorf("%w: dataset name is empty", fakestate.ErrInvalid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.companyLocked(gcid)
	if c == nil {
		return "", fmt.Errorf("%w: company %q", fakestate.ErrNotFound, gcid)
	}
	for _, sub := range d.Subscriptions {
		if c.suite(sub.RSID) == nil {
			return "", fmt.Errorf("%w: report suite %q", fakestate.ErrNotFound, sub.RSID)
		}
	}
	d.ID = s.st.RandString("0123456789abcdef", 24)
	for i := range d.Columns {
		if d.Columns[i].ID == "" {
			d.Columns[i].ID = s.st.NewUUID()
		}
		if d.Columns[i].Type == "" {
			d.Columns[i].Type = "text"
		}
	}
	d.Modified = time.Now()
	c.datasets = append(c.datasets, &d)
	return d.ID, nil
}

// Companies returns every company.
func (s *Service) Companies() []Company {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Company, len(s.companies))
	for i, c := range s.companies {
		out[i] = c.Company
	}
	return out
}

// Suites returns the report suites of a company.
func (s *Service) Suites(gcid string) []Suite {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.companyLocked(gcid)
	if c == nil {
		return nil
	}
	out := make([]Suite, len(c.suites))
	for i, su := range c.suites {
		out[i] = su.Suite
	}
	return out
}

// Segments returns a company's segments (every owner).
func (s *Service) Segments(gcid string) []Component { return s.components(gcid, false) }

// CalculatedMetrics returns a company's calculated metrics (every owner).
func (s *Service) CalculatedMetrics(gcid string) []Component { return s.components(gcid, true) }

func (s *Service) components(gcid string, cm bool) []Component {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.companyLocked(gcid)
	if c == nil {
		return nil
	}
	list := c.segments
	if cm {
		list = c.calcMetrics
	}
	out := make([]Component, len(list))
	for i, x := range list {
		out[i] = *x
	}
	return out
}

// DataSources returns a suite's Data Sources accounts.
func (s *Service) DataSources(gcid, rsid string) []DataSource {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.companyLocked(gcid)
	if c == nil {
		return nil
	}
	var out []DataSource
	for _, d := range c.sources {
		if d.RSID == rsid {
			out = append(out, *d)
		}
	}
	return out
}

func (s *Service) newID() int {
	s.nextID++
	return s.nextID
}

// adminKey names a principal for the admin flag: a credential (by client
// id) for service tokens, an Adobe ID user (by user id) for user tokens.
func adminKey(p fakestate.Principal) string {
	if p.Kind == fakestate.KindService {
		return "client:" + p.ClientID
	}
	return "user:" + p.UserID
}

// SetAdmin makes a principal an Analytics administrator of a company, or
// not: who is a credential's client id (its technical account) or an Adobe
// ID user's id ("...@AdobeID"). Administrators may list every user's
// segments and calculated metrics (includeType=all) and edit or delete
// them.
func (s *Service) SetAdmin(gcid, who string, admin bool) error {
	key := "client:" + who
	if strings.HasSuffix(who, "@AdobeID") {
		if _, ok := s.st.User(who); !ok {
			return fmt.Errorf("%w: user %q", fakestate.ErrNotFound, who)
		}
		key = "user:" + who
	} else if _, ok := s.st.Credential(who); !ok {
		return fmt.Errorf("%w: credential %q", fakestate.ErrNotFound, who)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.companyLocked(gcid)
	if c == nil {
		return fmt.Errorf("%w: company %q", fakestate.ErrNotFound, gcid)
	}
	if admin {
		c.admins[key] = true
	} else {
		delete(c.admins, key)
	}
	return nil
}
