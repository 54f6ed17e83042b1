package rules

import "testing"

func TestBuiltinLoads(t *testing.T) {
	s, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rules()) == 0 {
		t.Fatal("no built-in rules")
	}
}
