module github.com/clm-engine/clm

go 1.26.8

require (
	github.com/beevik/etree v1.8.1
	github.com/ledongthuc/pdf v0.0.0-20260907135840-6c8c28e0e8a0
	golang.org/x/sys v0.50.0
)

require (
	github.com/expr-lang/expr v1.17.8
	go.yaml.in/yaml/v3 v3.0.6
)
