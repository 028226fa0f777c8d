package analytics

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// The fuzz targets feed Adobe's answers, as bytes, to every decoder of the
// package: none may panic, and what they return must be consistent. CI
// runs their seed corpora with go test; go test -fuzz=FuzzX explores.

func FuzzDecodePage(f *testing.F) {
	for _, s := range []string{
		`[{"rsid":"acme0prod","name":"Prod"}]`,
		`{"content":[{"rsid":"a"}],"totalElements":3,"totalPages":3,"number":0,"size":1,"lastPage":false}`,
		`{"content":null}`, `{}`, `[]`, ``, ` `, `null`, `{"content":[`, `{"number":-7,"totalPages":-1}`, `"x"`, `{"content":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		check := func(p core.Page[struct{}], info *adobe.PageInfo, err error) {
			if err != nil {
				if info != nil {
					t.Fatal("page info with an error")
				}
				return
			}
			if info == nil || info.Last != p.Last || info.Number != p.Number || info.TotalPages != p.TotalPages {
				t.Fatalf("page %+v and info %+v disagree", p, info)
			}
		}
		p, info, err := decodePage[struct{}](raw)
		check(p, info, err)
		_, _, _ = decodePage[ReportSuite](raw)
		_, _, _ = decodePage[Dimension](raw)
		_, _, _ = decodePage[Metric](raw)
		_, _, _ = decodePage[DataSourceAccount](raw)
		_, _, _ = decodePage[User](raw)
		if d, info, err := decodePage[Dimension](raw); err == nil && bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
			if info.TotalItems != len(d.Items) || !info.Last || info.Number != 0 {
				t.Fatalf("plain array: info %+v for %d items", info, len(d.Items))
			}
		}
	})
}

func FuzzDecodeJobPages(f *testing.F) {
	for _, s := range []string{
		`{"page":1,"jobs":[{"job_id":12,"filename":"a.txt","rows":3}],"total_pages":2}`,
		`{"content":[{"jobId":"j1","state":"completed"}],"page":0,"totalPages":1,"last":true,"totalElements":1,"size":10}`,
		`{"jobs":[{"job_id":"x"}]}`, `{"jobs":[{"job_id":{}}]}`, ``, `[]`, `{"page":`,
	} {
		f.Add([]byte(s), 1)
	}
	f.Fuzz(func(t *testing.T, raw []byte, n int) {
		if p, info, err := decodeJobPage(raw, n); err == nil && info.Last != p.Last {
			t.Fatalf("data source job page %+v vs %+v", p, info)
		}
		if p, info, err := decodeClassificationJobPage(raw); err == nil && info.Last != p.Last {
			t.Fatalf("classification job page %+v vs %+v", p, info)
		}
	})
}

func FuzzDecodeDiscovery(f *testing.F) {
	for _, s := range []string{
		`{"imsUserId":"u","imsOrgs":[{"imsOrgId":"A@AdobeOrg","companies":[{"globalCompanyId":"acme0","companyName":"Acme"}]}]}`,
		`{"imsOrgs":[{"imsOrgId":"A@AdobeOrg","companies":[]}]}`, `{"imsOrgs":null}`, `{}`, `[]`, ``,
	} {
		f.Add([]byte(s), "A@AdobeOrg", "Acme")
	}
	f.Fuzz(func(t *testing.T, raw []byte, org, company string) {
		var d Discovery
		if json.Unmarshal(raw, &d) != nil {
			return
		}
		co, err := d.FindCompany(org, company)
		if err != nil {
			var ce *CompanyError
			if !errors.As(err, &ce) || ce.Error() == "" {
				t.Fatalf("FindCompany error %T", err)
			}
			return
		}
		found := false
		for _, c := range d.Companies() {
			found = found || c.GlobalCompanyID == co.GlobalCompanyID
		}
		if !found {
			t.Fatalf("FindCompany returned %+v, not among the companies", co)
		}
	})
}

func FuzzDecodeClassifications(f *testing.F) {
	for _, s := range []string{
		`{"report_suite_id":"r","metrics":[{"id":["evar5"],"datasets":["d1"]}]}`,
		`{"dataset_id":"d1","subscriptions":[{"rsid":"r","dimension":"variables/evar5","unique":true}],"columns":[{"name":"c","display_name":"C"}]}`,
		`{"count":1,"files":["part1.tsv"]}`, `{"metrics":[{"id":null}]}`, ``, `{"subscriptions":{}}`,
	} {
		f.Add([]byte(s), "evar5")
	}
	f.Fuzz(func(t *testing.T, raw []byte, dim string) {
		var cd CompatibleDatasets
		if json.Unmarshal(raw, &cd) == nil {
			_ = cd.DatasetsFor(dim)
		}
		var ds Dataset
		if json.Unmarshal(raw, &ds) == nil {
			_ = ds.Subscribes("r", dim)
			if _, err := json.Marshal(datasetWrite(ds)); err != nil {
				t.Fatalf("a decoded set does not encode: %v", err)
			}
		}
		var fl ExportFileList
		_ = json.Unmarshal(raw, &fl)
		var job ClassificationJob
		_ = json.Unmarshal(raw, &job)
	})
}

// FuzzClassify: whatever error body a 403 (or any status) carries, the
// classification keeps the *adobe.Error reachable and calls a profile
// error only a 403.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		`{"error_code":"403025","message":"Profile is not valid"}`,
		`{"errorCode":"403023","errorDescription":"Profile is not valid"}`,
		`{"message":" profile is NOT valid "}`, `{"error_code":403025}`, ``, `[`,
	} {
		f.Add([]byte(s), 403)
		f.Add([]byte(s), 401)
	}
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		if status < 100 || status > 599 {
			return
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{}, Request: &http.Request{Method: "GET", URL: &url.URL{Host: "analytics.adobe.io", Path: "/x"}}}
		err := classify(core.NewError(resp, body, 1))
		var ae *adobe.Error
		if !errors.As(err, &ae) || ae.StatusCode != status {
			t.Fatalf("classified error lost its *adobe.Error: %v", err)
		}
		var pe *ProfileError
		if errors.As(err, &pe) != errors.Is(err, ErrProfileNotValid) {
			t.Fatal("ProfileError and ErrProfileNotValid disagree")
		}
		if errors.Is(err, ErrProfileNotValid) && (status != 403 || !errors.Is(err, adobe.ErrForbidden)) {
			t.Fatalf("a %d classified as a profile error", status)
		}
	})
}
