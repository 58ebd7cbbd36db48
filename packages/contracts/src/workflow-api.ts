import { z } from 'zod';

