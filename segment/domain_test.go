package segment

import (
	"strconv"
	"strings"
	"testing"
)

func TestDomain(t *testing.T) {
	s := newTest(t)
	tests := []struct{ name, text, want string }{
		{"district", "重庆市北碚区", "重庆市/ns 北碚区/ns"},
		{"district committee", "北碚区委、区政府", "北碚/ns 区委/n 、/x 区政府/n"},
		{"district government", "重庆市北碚区人民政府", "重庆市/ns 北碚区/ns 人民政府/nt"},
		{"region", "成渝地区双城经济圈建设", "成渝地区/ns 双城经济圈/n 建设/vn"},
		{"amount", "利润总额达到36.83亿元", "利润总额/n 达到/v 36.83/m 亿元/m"},
		{"ten thousands", "获贷9100万元", "获/v 贷/v 9100/m 万元/m"},
		{"points", "下降0.28个百分点", "下降/v 0.28/m 个百分点/m"},
		{"area", "首期10万平方米", "首期/t 10/m 万平方米/m"},
		{"per area", "每平方公里126.5亿元", "每/zg 平方公里/q 126.5/m 亿元/m"},
		{"square km", "共0.8平方公里区域", "共/d 0.8/m 平方公里/q 区域/n"},
		{"company", "神驰机电股份有限公司成功上市", "神驰/nz 机电/n 股份有限公司/n 成功/a 上市/ns"},
		{"institute", "重庆材料研究院", "重庆/ns 材料/n 研究院/n"},
		{"zones", "拥有两江新区、重庆高新区", "拥有/v 两江新区/ns 、/x 重庆高新区/ns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := words(s.Tokens(tt.text)); got != tt.want {
				t.Errorf("Tokens(%q):\ngot  %s\nwant %s", tt.text, got, tt.want)
			}
		})
	}
}

// TestDomainFile checks that every line of dict/domain.txt is a comment,
// blank, or "word freq pos" with a whole frequency of at least 2 (gse
// would skip anything else without a word), and that no word repeats.
func TestDomainFile(t *testing.T) {
	seen := map[string]int{}
	for i, line := range strings.Split(domainDict, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, " ")
		n, err := strconv.Atoi(f[min(1, len(f)-1)])
		if len(f) != 3 || f[0] == "" || err != nil || n < 2 || f[2] == "" || strings.Trim(f[2], "abcdefghijklmnopqrstuvwxyz") != "" {
			t.Errorf("dict/domain.txt:%d: %q is not \"word freq pos\" with freq ≥ 2", i+1, line)
			continue
		}
		if prev, ok := seen[f[0]]; ok {
			t.Errorf("dict/domain.txt:%d: %s already on line %d", i+1, f[0], prev)
		}
		seen[f[0]] = i + 1
	}
}
