import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Drawer, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get, post } from '../api/client';
import { useAction } from '../api/hooks';
import type { AuditRecord, Page, UnionOrgItem, UserAccount } from '../api/types';
import { useAuth } from '../auth';
import { ErrorState } from '../components/QueryState';
import { ReasonButton } from '../components/ReasonButton';
import { auditActionLabels, passwordSchema, roleLabels, usernameSchema, userStatusLabels, type AuditAction, type UserStatus } from '../domain';

interface Filters {
  q?: string;
  status?: UserStatus;
  subjectId?: string;
}

/** Federation orgs (not enterprise unions) the signed-in staff reach, for the "new staff login" form. */
function useOrgOptions() {
  return useQuery({
    queryKey: ['orgs', 'federations'],
    queryFn: async () => {
      const levels = ['province', 'prefecture', 'county'] as const;
      const pages = await Promise.all(levels.map((level) => get<{ items: UnionOrgItem[] }>('/api/orgs', { level })));
      return pages.flatMap((p) => p.items).map((o) => ({ value: o._id, label: o.name }));
    },
    staleTime: 5 * 60_000,
  });
}

function CreateStaffButton() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const orgs = useOrgOptions();
  const create = useAction((body: Record<string, unknown>) => post<UserAccount>('/api/users', body), {
    success: '账号已创建，请将用户名和初始密码线下告知本人',
    invalidate: [['users']],
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
    },
  });
  const rule = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }) => ({
    validator: async (_: unknown, value: unknown) => {
      const parsed = schema.safeParse(value ?? '');
      if (!parsed.success) throw new Error(parsed.error?.issues[0]?.message ?? '格式不正确');
    },
  });
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="create-staff">
        新建工作人员账号
      </Button>
      <Modal title="新建工会工作人员账号" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="创建" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)} initialValues={{ canManageAccounts: false }}>
          <Form.Item name="orgId" label="所属工会" rules={[{ required: true, message: '请选择所属工会' }]}>
            <Select showSearch optionFilterProp="label" loading={orgs.isLoading} options={orgs.data ?? []} placeholder="选择工会组织" />
          </Form.Item>
          <Form.Item name="displayName" label="姓名或称呼" rules={[{ required: true, min: 2, message: '请填写姓名或称呼' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="username" label="用户名" rules={[rule(usernameSchema)]}>
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
          <Form.Item name="password" label="初始密码" rules={[rule(passwordSchema)]}>
            <Input.Password maxLength={128} autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="canManageAccounts" valuePropName="checked">
            <Checkbox>可管理本级及下级工会的工作人员账号</Checkbox>
          </Form.Item>
          <Form.Item name="reason" label="备注（记入操作记录）">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ResetPasswordButton({ user }: { user: UserAccount }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const reset = useAction((body: { newPassword: string; reason: string }) => post<UserAccount>(`/api/users/${user.id}/password-reset`, body), {
    success: '密码已重置，原登录已失效；请将新密码线下告知本人',
    invalidate: [['users'], ['audit', user.id]],
    onSuccess: () => setOpen(false),
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        重置密码
      </Button>
      <Modal title={`重置 ${user.displayName} 的密码`} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={reset.isPending} okText="重置" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(values) => reset.mutate(values)}>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}>
            <Input.Password maxLength={128} autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="reason" label="原因" rules={[{ required: true, min: 2, message: '请填写原因（至少 2 个字）' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function AuditDrawer({ user, onClose }: { user: UserAccount | null; onClose: () => void }) {
  const trail = useQuery({ queryKey: ['audit', user?.id], queryFn: () => get<Page<AuditRecord>>(`/api/users/${user!.id}/audit`, { limit: 50 }), enabled: user !== null });
  return (
    <Drawer title={user ? `${user.displayName}（${user.username}）的操作记录` : ''} open={user !== null} onClose={onClose} size="large">
      {trail.isError ? (
        <ErrorState error={trail.error} />
      ) : (
        <Table<AuditRecord>
          rowKey="_id"
          size="small"
          loading={trail.isLoading}
          dataSource={trail.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '暂无记录' }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => new Date(at).toLocaleString('zh-CN') },
            { title: '操作', dataIndex: 'action', width: 110, render: (a: string) => auditActionLabels[a as AuditAction] ?? a },
            { title: '操作人', dataIndex: 'actorName', width: 120 },
            { title: '原因', dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
          ]}
        />
      )}
    </Drawer>
  );
}

/** 账号管理: staff logins of the org subtree (admins: all), enterprise or craftsman logins by their id. */
export default function UsersPage() {
  const { user: me } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [auditOf, setAuditOf] = useState<UserAccount | null>(null);
  const list = useQuery({ queryKey: ['users', filters, page], queryFn: () => get<Page<UserAccount>>('/api/users', { ...filters, page, limit: 20 }) });
  const setStatus = useAction(({ id, status, reason }: { id: string; status: UserStatus; reason: string }) => post<UserAccount>(`/api/users/${id}/status`, { status, reason }), {
    success: '账号状态已更新',
    invalidate: [['users'], ['audit']],
  });
  return (
    <Card title="账号管理" extra={<CreateStaffButton />}>
      {me?.role === 'union_staff' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="有账号管理权限的工作人员可管理本级及下级工会的工作人员账号；企业和劳模工匠的账号请输入其编号查询后停用或重置密码。"
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="用户名或姓名" allowClear onSearch={(q) => (setPage(1), setFilters((f) => ({ ...f, q: q || undefined })))} style={{ width: 200 }} />
        <Input.Search placeholder="企业或劳模工匠编号" allowClear onSearch={(s) => (setPage(1), setFilters((f) => ({ ...f, subjectId: s.trim() || undefined })))} style={{ width: 220 }} />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          options={Object.entries(userStatusLabels).map(([value, label]) => ({ value, label }))}
          onChange={(status?: UserStatus) => (setPage(1), setFilters((f) => ({ ...f, status })))}
        />
      </Space>
      {list.isError ? (
        <ErrorState error={list.error} />
      ) : (
        <Table<UserAccount>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无可管理的账号' }}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
          scroll={{ x: 900 }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 150 },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '角色', dataIndex: 'role', width: 120, render: (r: UserAccount['role'], u) => (u.canManageAccounts ? `${roleLabels[r]}（可管理账号）` : roleLabels[r]) },
            { title: '所属', key: 'of', width: 160, render: (_: unknown, u) => u.orgId ?? u.subjectId ?? '—' },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: UserStatus) => <Tag color={s === 'active' ? 'green' : 'red'}>{userStatusLabels[s]}</Tag> },
            {
              title: '操作',
              key: 'actions',
              width: 280,
              render: (_: unknown, u) =>
                u.id === me?.id ? (
                  <span>（本人，请在右上角修改密码）</span>
                ) : (
                  <Space size="small">
                    {u.status === 'active' ? (
                      <ReasonButton size="small" danger label="停用" title={`停用 ${u.displayName}：其登录立即失效`} onConfirm={(reason) => setStatus.mutateAsync({ id: u.id, status: 'disabled', reason })} />
                    ) : (
                      <ReasonButton size="small" label="启用" title={`启用 ${u.displayName}`} onConfirm={(reason) => setStatus.mutateAsync({ id: u.id, status: 'active', reason })} />
                    )}
                    <ResetPasswordButton user={u} />
                    <Button size="small" type="link" onClick={() => setAuditOf(u)}>
                      记录
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      )}
      <AuditDrawer user={auditOf} onClose={() => setAuditOf(null)} />
    </Card>
  );
}
