package api

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// OpenAPI is the OpenAPI 3.0.3 description of the API, served at
// GET /v1/openapi.yaml; a test keeps it equal to the routes.
//
//go:embed openapi.yaml
var OpenAPI []byte

func (s *Server) openAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/yaml; charset=utf-8", OpenAPI)
}
