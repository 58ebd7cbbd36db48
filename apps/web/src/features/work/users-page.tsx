/**
 * Accounts (/work/admin/users), for the administrator: list, create, edit role / unit / name /
 * e-mail, disable / enable, reset the password. Role labels come from GET /api/auth/me; the
 * password rules are the server's (its Vietnamese message is shown in the form).
 */
import { NewAccountRequest } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Skeleton, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { fieldRule } from '../../lib/form-rules.ts';
import { send, type Role, type SessionUser, UNIT_ROLES, useSession } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { type Account, adminKeys, useAccounts, useRefUnits } from './admin.api.ts';
import { useA } from './admin.messages.ts';
import { ErrorAlert, errorText, useW } from './work-common.tsx';

const ROLE_ORDER: Role[] = ['admin', 'secretariat', 'leader', 'council_chair', 'council_member', 'appraiser', 'unit_head', 'unit_officer'];
const enc = encodeURIComponent;
const collator = new Intl.Collator('vi');

/** The account form holds the fields of a new account (POST /api/users); an edit sends all but username and password. */
type AccountValues = NewAccountRequest;

export function UsersPage({ user }: { user: SessionUser }) {
  const { w } = useW();
  const a = useA();
  const { message } = App.useApp();
  const client = useQueryClient();
  const session = useSession();
  const accounts = useAccounts();
  const units = useRefUnits();
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const roleLabel = (r: string) => session.data?.roleLabels[r] ?? r;

  const list = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (accounts.data ?? [])
      .filter((u) => (!role || u.role === role) && (!needle || [u.fullName, u.username, u.unitName ?? '', u.email ?? ''].some((s) => s.toLowerCase().includes(needle))))
      .sort((x, y) => ROLE_ORDER.indexOf(x.role) - ROLE_ORDER.indexOf(y.role) || collator.compare(x.fullName, y.fullName));
  }, [accounts.data, q, role]);

  const setActive = (u: Account, active: boolean) => {
    const run = async () => {
      try {
        await send('PATCH', `/api/users/${enc(u.id)}`, { active });
        message.success(a.updated);
      } catch (e) {
        Modal.error({ title: errorText(e) });
      } finally {
        await client.invalidateQueries({ queryKey: adminKeys.users });
      }
    };
    if (active) return void run();
    Modal.confirm({ title: a.disableConfirm(u.fullName), okText: a.disable, okButtonProps: { danger: true }, cancelText: w.cancel, onOk: run });
  };

  if (user.role !== 'admin') return <Alert type="warning" showIcon title={a.onlyAdmin} />;
  if (accounts.isPending) return <Skeleton active />;
  if (accounts.isError) return <ErrorAlert error={accounts.error} onRetry={() => accounts.refetch()} />;

  const columns: TableColumnsType<Account> = [
    {
      key: 'name',
      title: a.fullName,
      render: (_, u) => (
        <div>
          <strong>{u.fullName}</strong>
          <div className="work-muted work-small">{u.username}</div>
        </div>
      ),
    },
    { key: 'role', title: a.role, width: 230, render: (_, u) => roleLabel(u.role) },
    { key: 'unit', title: a.unit, width: 220, render: (_, u) => u.unitName ?? <span className="work-muted">—</span> },
    { key: 'email', title: a.email, width: 200, render: (_, u) => u.email ?? <span className="work-muted">—</span> },
    { key: 'status', title: a.status, width: 130, render: (_, u) => (u.active ? <Tag color="green">{a.active}</Tag> : <Tag color="red">{a.disabled}</Tag>) },
    {
      key: 'actions',
      title: a.actions,
      width: 270,
      render: (_, u) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(u)} aria-label={`${a.edit}: ${u.username}`}>
            {a.edit}
          </Button>
          <Button size="small" onClick={() => setResetting(u)} aria-label={`${a.resetPassword}: ${u.username}`}>
            {a.resetPassword}
          </Button>
          {u.id !== user.id &&
            (u.active ? (
              <Button size="small" danger onClick={() => setActive(u, false)} aria-label={`${a.disable}: ${u.username}`}>
                {a.disable}
              </Button>
            ) : (
              <Button size="small" onClick={() => setActive(u, true)} aria-label={`${a.enable}: ${u.username}`}>
                {a.enable}
              </Button>
            ))}
        </Space>
      ),
    },
  ];

  return (
    <section aria-labelledby="users-title" className="setup">
      <header className="sheet__head">
        <div>
          <h2 id="users-title">{a.usersTitle}</h2>
          <p className="work-muted">{a.usersIntro}</p>
        </div>
        <Button type="primary" size="large" onClick={() => setEditing('new')}>
          {a.newUser}
        </Button>
      </header>
      <div className="sheet__toolbar">
        <Input.Search allowClear placeholder={a.searchUser} aria-label={a.searchUser} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 300 }} />
        <Select
          aria-label={a.role}
          style={{ width: 260 }}
          value={role}
          onChange={setRole}
          options={[{ value: '', label: a.allRoles }, ...ROLE_ORDER.map((r) => ({ value: r, label: roleLabel(r) }))]}
        />
      </div>
      <Table size="small" rowKey="id" columns={columns} dataSource={list} pagination={{ pageSize: 20, hideOnSinglePage: true }} rowClassName={(u) => (u.active ? '' : 'users-disabled')} />
      {editing && <AccountModal account={editing === 'new' ? null : editing} units={units.data ?? []} roleLabel={roleLabel} onClose={() => setEditing(null)} />}
      {resetting && <ResetModal account={resetting} onClose={() => setResetting(null)} />}
    </section>
  );
}

function AccountModal({ account, units, roleLabel, onClose }: { account: Account | null; units: { id: string; name: string }[]; roleLabel: (r: string) => string; onClose: () => void }) {
  const { w } = useW();
  const a = useA();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<AccountValues>();
  const { busy, error, run } = useAction();
  const role = Form.useWatch('role', form);
  const needsUnit = role ? UNIT_ROLES.has(role) : false;

  const save = async (v: AccountValues) => {
    const common = { fullName: v.fullName.trim(), email: v.email?.trim() || null, role: v.role, unitId: v.unitId || null };
    await run(async () => {
      if (account) {
        await send('PATCH', `/api/users/${enc(account.id)}`, common);
        message.success(a.updated);
      } else {
        await send('POST', '/api/users', { ...common, username: v.username.trim(), password: v.password });
        message.success(a.created(v.username.trim()));
      }
      await client.invalidateQueries({ queryKey: adminKeys.users });
      onClose();
    });
  };

  return (
    <Modal
      open
      width={560}
      title={account ? a.editTitle(account.fullName) : a.newUser}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={account ? w.save : a.newUser}
      cancelText={w.cancel}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={account ? { username: account.username, fullName: account.fullName, email: account.email ?? '', role: account.role, unitId: account.unitId ?? undefined } : { role: 'unit_officer' }}
      >
        <Form.Item label={w.username} name="username" required rules={[fieldRule(NewAccountRequest, 'username', w.usernameRequired)]}>
          <Input disabled={!!account} autoComplete="off" maxLength={60} />
        </Form.Item>
        <Form.Item label={a.fullName} name="fullName" required rules={[fieldRule(NewAccountRequest, 'fullName', a.fullNameRequired)]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item label={a.email} name="email" rules={[fieldRule(NewAccountRequest, 'email', a.emailInvalid)]}>
          <Input type="email" maxLength={200} />
        </Form.Item>
        <Form.Item label={a.role} name="role" required rules={[fieldRule(NewAccountRequest, 'role', a.roleRequired)]}>
          <Select options={ROLE_ORDER.map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
        <Form.Item label={a.unit} name="unitId" rules={[{ required: needsUnit, message: a.unitRequiredForRole }]} extra={needsUnit ? a.unitRequiredForRole : undefined}>
          <Select
            allowClear={!needsUnit}
            showSearch
            optionFilterProp="label"
            placeholder={needsUnit ? a.unitRequiredForRole : a.unitOptional}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        {!account && (
          <Form.Item label={w.password} name="password" required rules={[fieldRule(NewAccountRequest, 'password', w.passwordRequired)]} extra={a.passwordHint}>
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon role="alert" title={error} />}
      </Form>
    </Modal>
  );
}

function ResetModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const { w } = useW();
  const a = useA();
  const { message } = App.useApp();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const ok = async () => {
    await run(async () => {
      await send('PATCH', `/api/users/${enc(account.id)}`, { password });
      message.success(a.resetDone);
      onClose();
    });
  };
  return (
    <Modal open title={a.resetTitle(account.fullName)} onCancel={onClose} onOk={ok} okText={a.resetPassword} cancelText={w.cancel} confirmLoading={busy} okButtonProps={{ disabled: !password }}>
      <label htmlFor="reset-password" className="setup-label">
        {a.newPassword}
      </label>
      <Input.Password id="reset-password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={200} />
      <div className="work-muted work-small setup-hint">{a.passwordHint}</div>
      {error && <Alert type="error" showIcon role="alert" title={error} className="work-section" />}
    </Modal>
  );
}
