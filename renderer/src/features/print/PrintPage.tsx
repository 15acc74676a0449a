import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import type { Output } from '../../../../shared/api';
import { call } from '../../api/client';
import { printDocument, savePdf } from '../../lib/print';
import { useLoad } from '../../lib/useLoad';
import { DonationReceipt, PlanReceipts, PlanSheet, ThanksList } from './documents';
import { BriefingSheet } from './BriefingSheet';
import { NoticeSheet, ReportSheet } from './InspectionDocs';
import { RosterSheet } from './RosterSheet';
import { PassCardsSheet, PremisesPoster, withQr } from './PassCards';
import './print.css';

/**
 * Printable documents at #/print/<kind>/<id>, outside the app shell: what is on screen
 * is what prints (print CSS, A4). The desktop app saves a PDF through Electron's
 * printToPDF; the browser prints with its own dialog (where 另存为 PDF is a printer).
 */
/** 签收单 of all recipients, or of one (#/print/receipts/<id>?recipient=<kind>:<refId>, the sheet's per-row action). */
function receipts(plan: Output<'plans.get'>, officeName: string) {
  const one = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('recipient');
  const only = one ? plan.recipients.filter((r) => `${r.kind}:${r.refId}` === one) : plan.recipients;
  if (one && only.length === 0) throw new Error('该接收方不在方案中');
  return {
    title: `签收单-${plan.planNo}${one ? `-${only[0]!.name}` : ''}`,
    body: <PlanReceipts plan={{ ...plan, recipients: only }} officeName={officeName} />,
  };
}

export function PrintPage({ path }: { path: string }) {
  const { message } = App.useApp();
  const [, kind, idText] = path.split('/');
  const id = Number(idText);
  const office = useLoad(() => call('office.get', {}), []);
  const doc = useLoad(async (): Promise<{ title: string; body: ReactNode; landscape?: boolean }> => {
    const officeName = (await call('office.get', {})).name;
    if (kind === 'plan' || kind === 'receipts') {
      const plan = await call('plans.get', { id });
      return kind === 'plan'
        ? { title: `物资分配表-${plan.planNo}`, body: <PlanSheet plan={plan} officeName={officeName} />, landscape: plan.items.length > 5 }
        : receipts(plan, officeName);
    }
    if (kind === 'receipt') {
      const d = await call('donations.get', { id });
      return { title: `捐赠接收凭证-${d.receiptNo}`, body: <DonationReceipt donation={d} officeName={officeName} /> };
    }
    if (kind === 'roster') {
      // Filters come from the roster page (#/print/roster/<id>?teamId=…); every matching post is printed.
      const q = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
      const num = (k: string) => (q.get(k) ? Number(q.get(k)) : undefined);
      const filter = { id, kindId: num('kindId'), communityId: num('communityId'), teamId: num('teamId'), q: q.get('q') ?? undefined };
      const first = await call('rosters.grid', { ...filter, page: 1, pageSize: 100 });
      const posts = [...first.posts];
      for (let page = 2; (page - 1) * 100 < first.total; page++) posts.push(...(await call('rosters.grid', { ...filter, page, pageSize: 100 })).posts);
      const team = filter.teamId ? (await call('teams.list', { pageSize: 500 })).rows.find((t) => t.id === filter.teamId)?.name : undefined;
      const title = team ? `${team}排班表` : '值守排班表';
      return {
        title: `${first.roster.name}-${title}`,
        body: <RosterSheet grid={{ ...first, posts }} officeName={officeName} title={title} />,
        landscape: true,
      };
    }
    if (kind === 'briefing') {
      const b = await call('briefings.get', { id });
      return { title: `${b.figures.officeName}疫情防控工作简报-${b.year}年第${b.issueNo}期`, body: <BriefingSheet briefing={b} /> };
    }
    if (kind === 'notice') {
      const [targetKind, targetId] = (idText ?? '').split('-');
      const notice = await call('problems.notice', { targetKind: targetKind as never, targetId: Number(targetId) });
      return { title: `整改通知书-${notice.targetName}`, body: <NoticeSheet notice={notice} officeName={officeName} today={new Date().toISOString()} /> };
    }
    if (kind === 'report') {
      const q = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
      const report = await call('inspections.report', { from: q.get('from') ?? '', to: q.get('to') ?? '' });
      return { title: `督查通报-${report.from}至${report.to}`, body: <ReportSheet report={report} officeName={officeName} /> };
    }
    if (kind === 'passes') {
      // #/print/passes/<compoundId> for a whole compound, #/print/passes/0?householdId=… for one household.
      const householdId = Number(new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('householdId')) || undefined;
      const cards = await withQr(await call('passes.cards', { compoundId: id || undefined, householdId }));
      return {
        title: `出入证-${cards[0]?.address.split(' ')[0] ?? ''}${householdId ? '-一户' : ''}`,
        body: <PassCardsSheet cards={cards} officeName={officeName} />,
      };
    }
    if (kind === 'premises-code') {
      let premises: Output<'premises.list'>['rows'][number] | undefined;
      for (let page = 1; !premises; page++) {
        const list = await call('premises.list', { page, pageSize: 500 });
        premises = list.rows.find((p) => p.id === id);
        if (page * 500 >= list.total) break;
      }
      if (!premises) throw new Error('经营场所不存在');
      return { title: `场所码-${premises.name}`, body: <PremisesPoster premises={premises} officeName={officeName} /> };
    }
    if (kind === 'thanks') {
      const totals = await call('donations.totals', {});
      return { title: '爱心捐赠感谢名单', body: <ThanksList totals={totals} officeName={officeName} /> };
    }
    throw new Error('未知的打印内容');
  }, [path]);
  useEffect(() => {
    if (doc.data) document.title = doc.data.title;
    return () => void (document.title = '街道防控指挥台');
  }, [doc.data]);

  return (
    <div className={`print-root${doc.data?.landscape ? ' landscape' : ''}`}>
      {doc.data?.landscape && <style>{'@page { size: A4 landscape; }'}</style>}
      <div className="no-print print-toolbar">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => history.back()}>
            返回
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={printDocument} disabled={!doc.data}>
            打印
          </Button>
          {window.api?.printToPdf && (
            <Button
              icon={<FilePdfOutlined />}
              disabled={!doc.data}
              onClick={() =>
                savePdf(`${doc.data!.title}.pdf`).then(
                  (saved) => void (saved && message.success(`已保存：${saved}`)),
                  (e: Error) => void message.error(e.message),
                )
              }
            >
              导出 PDF
            </Button>
          )}
          <span className="print-hint">{doc.data?.landscape ? 'A4 横向打印' : 'A4 纵向打印'}；打印对话框中可选“另存为 PDF”。</span>
        </Space>
      </div>
      {doc.error && <Alert type="error" showIcon title="无法生成打印内容" description={doc.error} />}
      {!doc.data && !doc.error && <Spin />}
      {doc.data && (
        <div className="sheet" data-testid="print-sheet" data-office={office.data?.name}>
          {doc.data.body}
        </div>
      )}
    </div>
  );
}
