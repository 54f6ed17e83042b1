package extract

import (
	"reflect"
	"testing"

	"github.com/baogao/baogao/rules"
)

func TestFlatten(t *testing.T) {
	max := 30.0
	tests := []struct {
		name string
		in   Records
		want []rules.Record
	}{
		{name: "empty", want: []rules.Record{}},
		{
			name: "stages in text order, time before quantity at the same start",
			in: Records{
				Quantities: []Quantity{
					{Span: Span{13, 24}, Text: "36.83亿元", Value: 3683000000, Unit: "CNY", Dimension: "currency", Qualifier: "exact", Rule: "unit.currency"},
					{Span: Span{0, 4}, Text: "2019", Value: 2019, Unit: "个", Rule: "count.bare"},
					{Span: Span{30, 36}, Text: "20-30%", Value: 20, ValueMax: &max, Unit: "percent", Rule: "unit.percent"},
				},
				Times:    []Time{{Span: Span{0, 7}, Text: "2019年", Value: "2019", Granularity: "year", Rule: "time.year"}},
				Entities: []Entity{{Span: Span{7, 13}, Text: "北碚", Type: "LOC", Normalized: "北碚区", RegionCode: "500109", Rule: "gazetteer.regions"}},
			},
			want: []rules.Record{
				{Stage: rules.StageTime, Start: 0, End: 7, Text: "2019年", ValueText: "2019", Granularity: "year", Rule: "time.year"},
				{Stage: rules.StageQuantity, Start: 0, End: 4, Text: "2019", Value: 2019, Unit: "个", Rule: "count.bare"},
				{Stage: rules.StageEntity, Start: 7, End: 13, Text: "北碚", Type: "LOC", Normalized: "北碚区", RegionCode: "500109", Rule: "gazetteer.regions"},
				{Stage: rules.StageQuantity, Start: 13, End: 24, Text: "36.83亿元", Value: 3683000000, Unit: "CNY", Dimension: "currency", Qualifier: "exact", Rule: "unit.currency"},
				{Stage: rules.StageQuantity, Start: 30, End: 36, Text: "20-30%", Value: 20, ValueMax: 30, HasMax: true, Unit: "percent", Rule: "unit.percent"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Flatten(&tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
