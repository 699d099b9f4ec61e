import { post } from './post.js';

void post();
