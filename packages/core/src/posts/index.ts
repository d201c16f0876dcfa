export { defaultPhotoUploadPolicy, formatMegabytes, type PhotoUploadPolicy } from './photo-upload.policy.js';
export { checkPostId, newPostId, postIdPattern, postIdTime, postKeys, postsPrefix } from './post-id.js';
export { excerptOf, InvalidPostError, postLimits, validateNewPost, type NewPost, type Post } from './post.rules.js';
export { decodePostPolicy, evaluatePostPolicy, type PostPolicyDocument, type PostPolicyVerdict } from './post-policy.rule.js';
export { createPost, type CreatedPost, type CreatePostDeps, type PostsOptions } from './create-post.js';
export { getPost, listPosts, maxPostsPageSize, type PostsPage, type PostSummary, type ReadPostsDeps } from './read-posts.js';
