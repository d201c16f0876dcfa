import "@aws-sdk/client-dynamodb";
import "@aws-sdk/client-s3";
import "@aws-sdk/client-sesv2";
import "@aws-sdk/client-sqs";
import "@aws-sdk/lib-dynamodb";
import "@aws-sdk/lib-storage";
