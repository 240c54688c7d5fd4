// Package codegen writes jets apps and jobs from templates: NewApp is
// `jets new NAME`, GenerateJob is `jets generate job NAME --type dynamodb
// --name METHOD`. Each returns the paths it wrote; the CLI prints them.
//
// A new app keeps its configuration in jets.json (project name, table
// namespace), which main.go embeds and hands to jets.ConfigureJSON, and
// which the CLI and the generators read without building the app. Its
// go.mod builds against the jets source tree the generator was built from,
// with a replace line, because jets is not published yet.
package codegen
