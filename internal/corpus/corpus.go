// Package corpus embeds crimegraph's default corpus: the real UN documents
// `make run` ingests into an empty data folder, which the tests use too.
//
//   - lac-regional-preparatory-meeting-2025.md: report of the Latin American
//     and Caribbean Regional Preparatory Meeting for the Fifteenth Crime
//     Congress, San José, 4–6 February 2025 (Markdown converted from the PDF,
//     with the conversion's artefacts; its symbol is not printed in it)
//   - S-2025-85.pdf: S/2025/85, sixth quarterly report of UNODC to the
//     Security Council on Haiti
//   - E-2025-28.pdf: E/2025/28–E/CN.7/2025/11, report of the Commission on
//     Narcotic Drugs on its sixty-eighth session
package corpus

import (
	"embed"
	"io/fs"
	"path"
	"sort"
)

//go:embed files
var files embed.FS

// SanJose is the file name of the San José report.
const SanJose = "lac-regional-preparatory-meeting-2025.md"

// File is one embedded document.
type File struct {
	Name string
	Data []byte
}

// Files returns the embedded documents in name order.
func Files() []File {
	entries, _ := fs.ReadDir(files, "files")
	var out []File
	for _, e := range entries {
		b, err := files.ReadFile(path.Join("files", e.Name()))
		if err != nil {
			panic(err) // embedded at build time: cannot fail
		}
		out = append(out, File{Name: e.Name(), Data: b})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Read returns one embedded document by file name.
func Read(name string) ([]byte, error) { return files.ReadFile(path.Join("files", name)) }
