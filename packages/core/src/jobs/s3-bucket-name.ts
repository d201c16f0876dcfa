/**
 * Why `name` is not a valid S3 bucket name (general purpose buckets: 3-63 characters of lower-case
 * letters, digits, dots and hyphens, starting and ending with a letter or digit, no `..`, not an IP
 * address), or undefined when it is. A job's `Filename` is `bucket/key`, so a bucket name with a `/`
 * would forge another file's row: the syntax is checked, not trusted.
 */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; S3 bucket names have 3 to 63`;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return 'is not a valid S3 bucket name (lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit)';
  }
  if (name.includes('..')) return 'has two dots in a row, which S3 bucket names may not';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'is formatted as an IP address, which S3 bucket names may not be';
  return undefined;
}
