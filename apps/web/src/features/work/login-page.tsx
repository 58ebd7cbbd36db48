import { LoginRequest } from '@parindex/contracts';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect, useRef } from 'react';
import { navigate } from '../../app/router.tsx';
import { usePageMeta } from '../../app/page-meta.ts';
import { getJson } from '../../lib/api.ts';
import { fieldRule } from '../../lib/form-rules.ts';
import { homePathFor, useAuthActions, useSession } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import type { WorkCycle } from './work.api.ts';
import { errorText, useW } from './work-common.tsx';
import './work.css';

/** Where to go after signing in: the `next` address when it is a work page, else the work home. */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && next.startsWith('/work') ? next : '/work';
}

export function LoginPage() {
  const { w } = useW();
  const { login } = useAuthActions();
  const session = useSession();
  const { busy, error, run } = useAction();
  const submitted = useRef(false);
  usePageMeta(w.loginTitle);

  const signedIn = !!session.data?.user;
  useEffect(() => {
    // Already signed in when the page opens: go on. (After this page's own sign-in, onFinish navigates.)
    if (signedIn && !submitted.current) navigate(nextPath(), { replace: true });
  }, [signedIn]);

  const onFinish = async (values: { username: string; password: string }) => {
    submitted.current = true;
    await run(
      async () => {
        const me = await login(values.username.trim(), values.password);
        let target = nextPath();
        // Straight to the user's own page of the cycle being assessed (the sheet, the queue, the board…).
        if (target === '/work' && me.user) {
          const cycles = await getJson<WorkCycle[]>('/api/work/cycles').catch(() => []);
          const active = cycles.filter((c) => !['published', 'closed'].includes(c.status)).sort((a, b) => b.year - a.year)[0];
          if (active) target = homePathFor(me.user, active.id, active.status);
        }
        navigate(target, { replace: true });
      },
      (e) => {
        submitted.current = false;
        return errorText(e);
      },
    );
  };

  return (
    <div className="work-login">
      <Card>
        <h2 className="work-login__title">{w.loginTitle}</h2>
        <p className="work-muted">{w.loginIntro}</p>
        {error !== null && <Alert type="error" showIcon role="alert" title={error} className="work-gap" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
          <Form.Item label={w.username} name="username" rules={[fieldRule(LoginRequest, 'username', w.usernameRequired)]}>
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label={w.password} name="password" rules={[fieldRule(LoginRequest, 'password', w.passwordRequired)]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {w.signIn}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
