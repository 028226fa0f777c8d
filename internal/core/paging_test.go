package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

func TestDecodePage(t *testing.T) {
	tests := []struct {
		name       string
		body, key  string
		items      []int
		last       bool
		num, total int
	}{
		{"plain array", `[1,2]`, "", []int{1, 2}, true, -1, -1},
		{"wrapped last", `{"content":[3],"lastPage":true,"number":2,"totalPages":3}`, "", []int{3}, true, 2, 3},
		{"wrapped more", `{"content":[1],"lastPage":false,"number":0,"totalPages":3}`, "", []int{1}, false, 0, 3},
		{"totals only", `{"content":[1],"number":0,"totalPages":1}`, "", []int{1}, true, 0, 1},
		{"custom key", `{"groups":[5],"lastPage":false}`, "groups", []int{5}, false, -1, -1},
		{"empty wrapped", `{"content":[]}`, "", nil, true, -1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := DecodePage[int]([]byte(tt.body), tt.key)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(p.Items) != fmt.Sprint(tt.items) || p.Last != tt.last || p.Number != tt.num || p.TotalPages != tt.total {
				t.Fatalf("got %+v", p)
			}
		})
	}
	if _, err := DecodePage[int]([]byte(`{"content":"x"}`), ""); err == nil {
		t.Fatal("bad content decoded")
	}
}

func pages(n, per int) FetchPage[int] {
	return func(_ context.Context, i int) (Page[int], error) {
		var items []int
		for j := range per {
			items = append(items, i*per+j)
		}
		body, _ := json.Marshal(map[string]any{"content": items, "number": i, "totalPages": n, "lastPage": i == n-1})
		return DecodePage[int](body, "")
	}
}

func collect(seq func(func(int, error) bool)) ([]int, error) {
	var out []int
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func TestIterate(t *testing.T) {
	got, err := collect(Iterate(context.Background(), 0, pages(3, 2)))
	if err != nil || fmt.Sprint(got) != "[0 1 2 3 4 5]" {
		t.Fatalf("%v %v", got, err)
	}
}

func TestIterateStopsOnRepeatedPage(t *testing.T) {
	calls := 0
	same := func(_ context.Context, _ int) (Page[int], error) {
		calls++
		return DecodePage[int]([]byte(`{"content":[7,8],"lastPage":false}`), "")
	}
	got, err := collect(Iterate(context.Background(), 0, same))
	if err != nil || fmt.Sprint(got) != "[7 8]" || calls != 2 {
		t.Fatalf("%v %v calls %d", got, err, calls)
	}
	num := func(_ context.Context, _ int) (Page[int], error) {
		calls++
		return Page[int]{Items: []int{calls}, Number: 0, TotalPages: -1}, nil
	}
	calls = 0
	got, _ = collect(Iterate(context.Background(), 0, num))
	if fmt.Sprint(got) != "[1]" {
		t.Fatalf("repeated number: %v", got)
	}
}

func TestIterateErrorAndEarlyStop(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	f := func(ctx context.Context, i int) (Page[int], error) {
		if i == 1 {
			return Page[int]{}, boom
		}
		n++
		return pages(5, 2)(ctx, i)
	}
	got, err := collect(Iterate(context.Background(), 0, f))
	if !errors.Is(err, boom) || fmt.Sprint(got) != "[0 1]" {
		t.Fatalf("%v %v", got, err)
	}
	for v := range Iterate(context.Background(), 0, pages(5, 2)) {
		if v == 0 {
			break
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := collect(Iterate(ctx, 0, pages(5, 2))); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}
