// Re-exports the three Uppy packages the browser tests use, so that esbuild makes one ES module of them.
export { default as Uppy } from '@uppy/core'
export { default as Dashboard } from '@uppy/dashboard'
export { default as AwsS3 } from '@uppy/aws-s3'
