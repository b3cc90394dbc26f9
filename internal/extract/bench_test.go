package extract_test

import "testing"

func BenchmarkExtractSanJose(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sanJose(b)
	}
}
