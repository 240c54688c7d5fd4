// Package jets runs Go functions when items in DynamoDB tables change: the
// Go counterpart of Ruby on Jets' DynamoDB events.
//
// A job groups functions. Each method bound with Job.Method is one AWS
// Lambda function, triggered by the DynamoDB streams named with
// DynamoDBEvent. Handlers are plain aws-lambda-go handlers, so they run
// unchanged on AWS Lambda:
//
//	type ClerkJob struct{}
//
//	func init() {
//		jets.NewJob("ClerkJob").Method("file", ClerkJob{}.File,
//			jets.DynamoDBEvent("test-table"), // existing table: demo-dev-test-table
//		)
//	}
//
//	func (ClerkJob) File(ctx context.Context, event events.DynamoDBEvent) error {
//		…
//	}
//
// Names follow Ruby Jets: the namespace is <project>-<env> ("demo-dev",
// env from JETS_ENV, default dev); ClerkJob#file is the function
// "clerk_job-file", deployed as "demo-dev-clerk_job-file" with the log
// group "/aws/lambda/demo-dev-clerk_job-file"; the table "test-table" is
// "demo-dev-test-table" (see DynamoDBConfig for the table namespace), and a
// stream ARN is used as is.
//
// Event source options (BatchSize, StartingPosition, MaximumRetryAttempts,
// FilterCriteria, …) are named after the AWS::Lambda::EventSourceMapping
// properties they set; Property passes any other one through. Unset ones
// take AWS's defaults, with StartingPosition TRIM_HORIZON.
//
// The app's main calls Start. Under Lambda (on AWS, or under `jets dev`) it
// serves the function the environment names; when the jets CLI asks, it
// prints the app's Manifest. UnmarshalNewImage, UnmarshalOldImage and
// UnmarshalKeys decode stream records into Go structs.
package jets
