import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useEffect } from 'react';
import { get, patch, post } from '../api/client';
import { useAction } from '../api/hooks';
import { useCounties } from '../api/regions';
import { craftsmanCreateSchema, craftsmanPatchSchema, honorLevelLabels, honorLevels, serviceModeLabels, serviceModes, skillGradeLabels, type Craftsman } from '../domain';
import { QueryState } from '../components/QueryState';
import { showApiIssues, validateWith } from '../forms';

/** 登记 / 编辑劳模工匠, validated by the API's craftsmanCreateSchema / craftsmanPatchSchema. */
export default function CraftsmanForm() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const counties = useCounties();
  const existing = useQuery({ queryKey: ['craftsman', id], queryFn: () => get<Craftsman>(`/api/craftsmen/${id}`), enabled: !!id });
  useEffect(() => {
    if (existing.data) form.setFieldsValue({ ...existing.data, studio: existing.data.studio ?? '' });
  }, [existing.data, form]);
  const save = useAction((body: unknown) => (id ? patch<Craftsman>(`/api/craftsmen/${id}`, body) : post<Craftsman>('/api/craftsmen', body)), {
    success: id ? '档案已保存' : '已登记',
    invalidate: [['craftsmen'], ['craftsman', id]],
    onSuccess: (c) => navigate(`/craftsmen/${c._id ?? id}`),
    onError: (e) => showApiIssues(form, e),
  });
  const onFinish = (v: Record<string, unknown>) => {
    const account = v.username ? { username: v.username, password: v.password ?? '' } : undefined;
    const values: Record<string, unknown> = { ...v, studio: (v.studio as string)?.trim() ? v.studio : null, bio: v.bio ?? '', ...(account && !id ? { account } : {}) };
    delete values.username;
    delete values.password;
    if (id) for (const k of ['_id', 'regionPath', 'status', 'rating', 'ratingCount', 'recentRatings', 'completedCount', 'activeCount', 'lastAssignedAt', 'createdAt', 'updatedAt', 'statusReason', 'reviewFlag']) delete values[k];
    const body = validateWith(form, id ? craftsmanPatchSchema : craftsmanCreateSchema, values);
    if (body) save.mutate(body);
  };
  return (
    <QueryState loading={!!id && existing.isLoading} error={existing.error}>
      <Card title={id ? '编辑劳模工匠档案' : '登记劳模工匠'} style={{ maxWidth: 860 }}>
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ honors: [], skills: [{ name: '', grade: 3 }], trades: [], industries: [], serviceModes: ['onsite'], capacity: 3 }}>
          <Form.Item label="姓名" name="name" required><Input /></Form.Item>
          <Form.Item label="手机号" name="phone" required><Input /></Form.Item>
          <Form.Item label="所在县市" name="regionCode" required>
            <Select options={(counties.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))} />
          </Form.Item>
          <Form.Item label="技能与等级" required>
            <Form.List name="skills">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'name']}><Input placeholder="技能名称" /></Form.Item>
                      <Form.Item name={[f.name, 'grade']}><Select style={{ width: 150 }} options={[1, 2, 3, 4, 5].map((g) => ({ value: g, label: skillGradeLabels[g] }))} /></Form.Item>
                      <Button type="link" onClick={() => remove(f.name)}>删除</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ name: '', grade: 3 })}>添加技能</Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item label="荣誉">
            <Form.List name="honors">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'title']}><Input placeholder="荣誉称号" /></Form.Item>
                      <Form.Item name={[f.name, 'level']}><Select style={{ width: 100 }} options={honorLevels.map((l) => ({ value: l, label: honorLevelLabels[l] }))} /></Form.Item>
                      <Form.Item name={[f.name, 'year']}><InputNumber placeholder="年份" min={1950} max={2100} /></Form.Item>
                      <Button type="link" onClick={() => remove(f.name)}>删除</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ title: '', level: 'county', year: new Date().getFullYear() })}>添加荣誉</Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item label="工种" name="trades"><Select mode="tags" tokenSeparators={[',', '，', '、']} /></Form.Item>
          <Form.Item label="行业" name="industries"><Select mode="tags" tokenSeparators={[',', '，', '、']} /></Form.Item>
          <Form.Item label="创新工作室" name="studio"><Input /></Form.Item>
          <Form.Item label="服务方式" name="serviceModes"><Checkbox.Group options={serviceModes.map((m) => ({ value: m, label: serviceModeLabels[m] }))} /></Form.Item>
          <Form.Item label="同时在办上限" name="capacity"><InputNumber min={1} max={20} /></Form.Item>
          <Form.Item label="简介" name="bio"><Input.TextArea rows={3} /></Form.Item>
          {!id && (
            <Space wrap>
              <Form.Item label="登录用户名（选填）" name="username"><Input autoComplete="off" /></Form.Item>
              <Form.Item label="初始密码" name="password"><Input.Password autoComplete="new-password" /></Form.Item>
            </Space>
          )}
          <div>
            <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
          </div>
        </Form>
      </Card>
    </QueryState>
  );
}
