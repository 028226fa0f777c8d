package adobe_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// publicPackages are the directories whose go doc users read.
func publicPackages(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		base := d.Name()
		if path != "." && (strings.HasPrefix(base, ".") || base == "testdata" || base == "internal" || base == "examples" || base == "cmd") {
			return filepath.SkipDir
		}
		dirs = append(dirs, path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// TestNoInternalNamesInPublicAPI checks what go doc -all would show: no
// exported declaration of a public package names an identifier of an
// internal package, so every type a user meets can be named from its own
// package.
func TestNoInternalNamesInPublicAPI(t *testing.T) {
	var found []string
	for _, dir := range publicPackages(t) {
		fset := token.NewFileSet()
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			internal := map[string]bool{}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if !strings.Contains(p, "/internal/") && !strings.HasSuffix(p, "/internal") {
					continue
				}
				local := p[strings.LastIndex(p, "/")+1:]
				if imp.Name != nil {
					local = imp.Name.Name
				}
				internal[local] = true
			}
			if len(internal) == 0 {
				continue
			}
			report := func(n ast.Node, what string) {
				if n == nil {
					return
				}
				ast.Inspect(n, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						if id, ok := sel.X.(*ast.Ident); ok && internal[id.Name] {
							found = append(found, fset.Position(sel.Pos()).String()+": "+what+" names "+id.Name+"."+sel.Sel.Name)
						}
					}
					return true
				})
			}
			for _, decl := range f.Decls {
				switch d := decl.(type) {
				case *ast.FuncDecl:
					if !d.Name.IsExported() || !exportedRecv(d) {
						continue
					}
					report(d.Type, "func "+d.Name.Name)
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						switch s := spec.(type) {
						case *ast.TypeSpec:
							if !s.Name.IsExported() {
								continue
							}
							checkType(s.Type, "type "+s.Name.Name, report)
						case *ast.ValueSpec:
							for i, n := range s.Names {
								if !n.IsExported() {
									continue
								}
								report(s.Type, "var/const "+n.Name)
								if i < len(s.Values) {
									report(s.Values[i], "var/const "+n.Name)
								}
							}
						}
					}
				}
			}
		}
	}
	sort.Strings(found)
	for _, f := range found {
		t.Error(f)
	}
}

func exportedRecv(d *ast.FuncDecl) bool {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return true
	}
	t := d.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.IsExported()
		default:
			return true
		}
	}
}

// checkType reports internal names in the exported parts of a type: every
// field of a struct that go doc shows (exported or embedded), every method of
// an interface, anything else whole.
func checkType(e ast.Expr, what string, report func(ast.Node, string)) {
	switch x := e.(type) {
	case *ast.StructType:
		for _, f := range x.Fields.List {
			if len(f.Names) == 0 {
				report(f.Type, what+" (embedded)")
				continue
			}
			for _, n := range f.Names {
				if n.IsExported() {
					report(f.Type, what+"."+n.Name)
				}
			}
		}
	case *ast.InterfaceType:
		for _, m := range x.Methods.List {
			report(m.Type, what)
		}
	default:
		report(e, what)
	}
}
