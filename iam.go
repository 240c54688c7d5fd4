package jets

import "fmt"

// streamActions are what an event source mapping needs on a stream; Ruby
// Jets grants the same four.
var streamActions = []string{
	"dynamodb:GetRecords",
	"dynamodb:GetShardIterator",
	"dynamodb:DescribeStream",
	"dynamodb:ListStreams",
}

// iamStatements is the function's policy: the stream actions on each
// stream (or, when the stream ARN is not known at build time,
// arn:aws:dynamodb:<region>:*:table/<table>/stream/*), DescribeTable on
// each table, sending to on-failure destinations, writing its logs, then
// the statements given with IAMPolicy.
func (f *function) iamStatements(cfg Config, functionName string, targets []dynamoTarget) []IAMStatement {
	var out []IAMStatement
	if len(targets) > 0 {
		var streams, tables []string
		for _, t := range targets {
			streams = appendUnique(streams, t.streamResource)
			tables = appendUnique(tables, t.tableARN)
		}
		out = append(out,
			IAMStatement{Effect: "Allow", Action: streamActions, Resource: streams},
			IAMStatement{Effect: "Allow", Action: []string{"dynamodb:DescribeTable"}, Resource: tables},
		)
	}
	out = append(out, f.destinationStatements()...)
	logGroup := fmt.Sprintf("arn:%s:logs:%s:*:log-group:%s", partition(cfg.Region), cfg.Region, LogGroup(functionName))
	out = append(out, IAMStatement{
		Effect:   "Allow",
		Action:   []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"},
		Resource: []string{logGroup, logGroup + ":*"},
	})
	return append(out, f.spec.iam...)
}

// destinationStatements let Lambda send failure records to each
// DestinationConfig.OnFailure destination, with the function's role.
func (f *function) destinationStatements() []IAMStatement {
	var out []IAMStatement
	for _, src := range f.spec.sources {
		d := src.props.DestinationConfig
		if d == nil || d.OnFailure == nil {
			continue
		}
		arn := d.OnFailure.Destination
		switch destinationService(arn) {
		case "sqs":
			out = append(out, IAMStatement{Effect: "Allow", Action: []string{"sqs:SendMessage"}, Resource: []string{arn}})
		case "sns":
			out = append(out, IAMStatement{Effect: "Allow", Action: []string{"sns:Publish"}, Resource: []string{arn}})
		case "s3":
			out = append(out, IAMStatement{Effect: "Allow", Action: []string{"s3:PutObject", "s3:ListBucket"}, Resource: []string{arn, arn + "/*"}})
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}
