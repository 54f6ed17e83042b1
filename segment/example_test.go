package segment_test

import (
	"fmt"

	"github.com/baogao/baogao/segment"
)

func ExampleSegmenter_Sentences() {
	s, err := segment.Default()
	if err != nil {
		panic(err)
	}
	text := "2019年，北碚区实现利润36.83亿元。同比增长15%！"
	for _, sent := range s.Sentences(text, nil) {
		fmt.Printf("%d:%d %s\n", sent.Start, sent.End, text[sent.Start:sent.End])
		for _, t := range sent.Tokens {
			fmt.Printf("\t%d:%d %s/%s\n", t.Start, t.End, t.Text, t.Pos)
		}
	}
	// Output:
	// 0:45 2019年，北碚区实现利润36.83亿元。
	// 	0:4 2019/m
	// 	4:7 年/m
	// 	7:10 ，/x
	// 	10:19 北碚区/ns
	// 	19:25 实现/v
	// 	25:31 利润/n
	// 	31:36 36.83/m
	// 	36:42 亿元/m
	// 	42:45 。/x
	// 45:63 同比增长15%！
	// 	45:51 同比/j
	// 	51:57 增长/v
	// 	57:59 15/m
	// 	59:60 %/x
	// 	60:63 ！/x
}
